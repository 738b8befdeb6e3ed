import type { RunRequest } from './runTypes';
import { bubblewrap } from './sandbox';

/** Whether a run will be sandboxed, and if not, why, in words for the user. */
export type SandboxState = { sandboxed: true } | { sandboxed: false; reason: string };

/** What runProcess will do with this request: the same test it makes (the request asks, bubblewrap works here). */
export async function sandboxState(request: Pick<RunRequest, 'sandbox'>): Promise<SandboxState> {
  if (!request.sandbox) return { sandboxed: false, reason: 'the sandbox is turned off for this run' };
  if (await bubblewrap()) return { sandboxed: true };
  if (process.platform !== 'linux') return { sandboxed: false, reason: `there is no sandbox on ${process.platform} (bubblewrap is Linux only)` };
  return { sandboxed: false, reason: 'bubblewrap (bwrap) is not installed or cannot create namespaces here; install the bubblewrap package to sandbox runs' };
}

/** One sentence on what an unsandboxed run can do: the same for every surface. */
export function notSandboxedText(reason: string): string {
  return `Not sandboxed (${reason}): it runs with your permissions, so it can read and change your files and reach the network.`;
}

export const sandboxedText = 'Sandboxed (bubblewrap): no network, no home folder or host sockets, writes only inside the workspace.';
