import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { protectionMounts } from './sandboxMounts';
import { sandboxView } from './sandboxView';

/** Where a sandboxed run may write; everything else is read-only, and there is no network. */
export interface SandboxPolicy {
  /** Absolute folders the run may write (the workspace and its temp dir). */
  writable: string[];
  cwd: string;
  /** The home folder to hide; the user's when not given. */
  home?: string;
  /** The run's environment: its PATH and toolchain variables name folders to show. process.env when not given. */
  env?: Record<string, string | undefined>;
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
 * The argv that runs `argv` inside bubblewrap. The run sees an allow-list (sandboxView): system
 * folders and toolchains read-only, a private /tmp, an empty home folder, its own /dev and /proc,
 * and the writable folders (the workspace and the run's own temp folder, which TMPDIR points at)
 * bound read-write except their `.git` and `.vscode` (see runLaterPlaceholders for missing ones)
 * and the `.git` of the folders directly inside them. Secrets inside what is visible are masked;
 * no network (which also cuts abstract sockets), its own PID and IPC namespaces (so killing it
 * kills everything inside), a new session, and it dies with its parent.
 */
export function sandboxArgv(bwrap: string, argv: readonly string[], policy: SandboxPolicy): string[] {
  const home = policy.home ?? os.homedir();
  const writable = policy.writable.map((w) => realOr(w));
  const view = sandboxView({ home, env: policy.env ?? process.env, writable, execPath: process.execPath });
  const args = [bwrap, ...view.args, '--dev', '/dev', '--tmpfs', '/dev/shm', '--proc', '/proc'];
  for (const dir of writable) args.push('--bind', dir, dir);
  args.push(...protectionMounts(writable, home, undefined, view.visible));
  args.push('--unshare-net', '--unshare-pid', '--unshare-ipc', '--die-with-parent', '--new-session', '--chdir', realOr(policy.cwd), '--', ...argv);
  return args;
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
