import { AtomicError, type ErrorReason } from '../errors';
import type { WorkspacePort } from '../ports/workspacePort';
import type { EditFiles } from './applyPlan';

/** Read errors that are about a file that exists: never taken for "absent, so create it". */
const refusals: ReadonlySet<ErrorReason> = new Set(['notRegularFile', 'fileTooLarge', 'notText']);

/** True when `relativePath` is absent: some folder on the way, or the file itself, is not listed. */
async function isAbsent(ws: WorkspacePort, relativePath: string): Promise<boolean> {
  const segments = relativePath.split('/').filter(Boolean);
  let dir = '';
  for (let i = 0; i < segments.length; i++) {
    const entries = await ws.list(dir).catch(() => undefined);
    if (!entries) return false; // cannot tell: let the read error stand
    const last = i === segments.length - 1;
    if (!entries.some((e) => e.name === segments[i] && (last ? e.kind === 'file' : e.kind === 'directory'))) return true;
    dir = dir ? `${dir}/${segments[i]}` : segments[i];
  }
  return false;
}

/**
 * The files an edit plan reads, through the workspace port (the VS Code adapter's or the CLI's):
 * the text of a path, or undefined when it does not exist (so the plan may create it). Files over
 * `maxBytes`, binary or not UTF-8 throw (the port's errors).
 */
export function workspaceEditFiles(ws: WorkspacePort, options?: { maxBytes?: number }): EditFiles {
  return {
    root: ws.root,
    async read(path) {
      try {
        return await ws.readText(path, options);
      } catch (err) {
        // A symlink that leads out, a FIFO or a device is unlisted too, but it is not a missing file.
        const escapes = err instanceof Error && /outside|leaves/.test(err.message);
        const refused = err instanceof AtomicError && refusals.has(err.reason);
        if (!escapes && !refused && (await isAbsent(ws, path))) return undefined;
        throw err;
      }
    },
  };
}
