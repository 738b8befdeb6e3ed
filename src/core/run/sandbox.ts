import { execFile } from 'node:child_process';
import * as os from 'node:os';
import { protectionMounts } from './sandboxMounts';

/** Where a sandboxed run may write; everything else is read-only, and there is no network. */
export interface SandboxPolicy {
  /** Absolute folders the run may write (the workspace and its temp dir). */
  writable: string[];
  cwd: string;
  /** Whose credentials to hide; the user's home folder when not given. */
  home?: string;
}

let available: Promise<string | undefined> | undefined;

/**
 * The bubblewrap binary when it is installed and works here (user namespaces allowed), checked
 * once per process by running `true` inside it; undefined elsewhere.
 */
export function bubblewrap(): Promise<string | undefined> {
  if (process.platform !== 'linux') return Promise.resolve(undefined);
  available ??= new Promise((resolve) => {
    const bin = process.env.ATOMIC_SKILLS_BWRAP ?? 'bwrap';
    execFile(bin, ['--ro-bind', '/', '/', '--dev', '/dev', '--unshare-net', '--unshare-pid', '--die-with-parent', 'true'], { timeout: 10_000 }, (err) =>
      resolve(err ? undefined : bin),
    );
  });
  return available;
}

/**
 * The argv that runs `argv` inside bubblewrap: the whole file system read-only, the writable
 * folders (the workspace and the run's own temp folder, which TMPDIR points at) bound
 * read-write except their `.git` and `.vscode` (see runLaterPlaceholders for missing ones) and
 * the `.git` of the folders directly inside them, host IPC sockets and the home folder's
 * credentials hidden, no network, its own PID namespace (so killing it kills everything inside),
 * and dying with its parent. /tmp itself stays visible read-only: a workspace may live under it,
 * and so may the node_modules or virtualenv it resolves from.
 */
export function sandboxArgv(bwrap: string, argv: readonly string[], policy: SandboxPolicy): string[] {
  const args = [bwrap, '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const dir of policy.writable) args.push('--bind', dir, dir);
  args.push(...protectionMounts(policy.writable, policy.home ?? os.homedir()));
  args.push('--unshare-net', '--unshare-pid', '--unshare-ipc', '--die-with-parent', '--new-session', '--chdir', policy.cwd, '--', ...argv);
  return args;
}
