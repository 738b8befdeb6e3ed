import * as fs from 'node:fs';
import * as path from 'node:path';
import { isWithin } from '../workspacePaths';

/**
 * Folders inside a writable root whose contents run outside the sandbox later: git runs
 * `.git/config` (core.fsmonitor, hooks) on every status the editor asks for, and VS Code reads
 * tasks and settings from `.vscode`. `.git` is a file in worktrees and submodules.
 */
export const runLaterInRoot = ['.git', '.vscode'];

/**
 * The `.git` of each folder directly inside a root: VS Code's git opens repositories one level
 * down (git.repositoryScanMaxDepth 1), so their config runs later too.
 */
function nestedRepos(root: string): string[] {
  try {
    return fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== '.git').map((d) => path.join(root, d.name, '.git'));
  } catch {
    return [];
  }
}

/** Host IPC that reaches past the sandbox: session buses and runtime sockets, the system bus, X11, container engines. */
const hostIpc = ['/run/user', '/run/dbus', '/tmp/.X11-unix', '/run/docker.sock', '/var/run/docker.sock', '/run/podman'];

/** System secrets under /etc (readable when runs are root): password hashes, host keys, private TLS keys, saved Wi-Fi and sudo rules. */
const etcSecrets = [
  '/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-', '/etc/security/opasswd', '/etc/ssh', '/etc/ssl/private', '/etc/sudoers', '/etc/sudoers.d',
  '/etc/NetworkManager/system-connections', '/etc/wpa_supplicant', '/etc/krb5.keytab', '/etc/docker', '/etc/containers/auth.json',
];

/**
 * Credential folders and files under the home folder. The sandbox hides the home folder; these
 * matter where part of it is visible: a toolchain bound back (~/.cargo/credentials) or a
 * workspace that holds the home folder.
 */
const homeSecrets = [
  '.ssh', '.aws', '.gnupg', '.config/gh', '.kube', '.docker', '.azure', '.config/gcloud',
  '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.config/git/credentials', '.cargo/credentials', '.cargo/credentials.toml',
];

interface Target {
  real: string;
  dir: boolean;
}

/** The real path and kind of an existing path; undefined when it does not exist or cannot be read. */
function target(p: string): Target | undefined {
  try {
    const real = fs.realpathSync(p);
    return { real, dir: fs.statSync(real).isDirectory() };
  } catch {
    return undefined;
  }
}

/**
 * bwrap options to follow the writable binds: what runs later outside the sandbox is bound back
 * read-only, and host IPC and credentials are hidden (an empty tmpfs over a folder, /dev/null
 * over a file or socket). Paths are resolved first (bwrap cannot mount over a symlink), a mask
 * that holds a writable root is skipped so the workspace stays visible, and with `visible` (the
 * read-only folders of the view) only what lies in a visible or writable folder is masked.
 */
export function protectionMounts(writable: readonly string[], home: string, ipc: readonly string[] = hostIpc, visible?: readonly string[]): string[] {
  const roots = writable.map((w) => target(w)?.real ?? path.resolve(w));
  const args: string[] = [];
  const done = new Set<string>();
  for (const root of roots) {
    for (const candidate of [...runLaterInRoot.map((name) => path.join(root, name)), ...nestedRepos(root)]) {
      const t = target(candidate);
      // Outside every writable root it is read-only already; binding `/` (a planted `.git -> /`) would undo the writable binds.
      if (!t || done.has(t.real) || !roots.some((r) => t.real !== r && isWithin(r, t.real))) continue;
      done.add(t.real);
      args.push('--ro-bind', t.real, t.real);
    }
  }
  const seen = (p: string) => !visible || [...visible, ...roots].some((v) => isWithin(v, p));
  for (const p of [...ipc, ...etcSecrets, ...homeSecrets.map((s) => path.join(home, s))]) {
    const t = target(p);
    if (!t || done.has(t.real) || roots.some((r) => isWithin(t.real, r)) || !seen(t.real)) continue;
    done.add(t.real);
    // A device bind, so the file reads as empty instead of failing with EACCES (bwrap binds are nodev).
    args.push(...(t.dir ? ['--tmpfs', t.real] : ['--dev-bind', '/dev/null', t.real]));
  }
  return args;
}
