import * as fs from 'node:fs';
import * as path from 'node:path';
import { isWithin } from '../workspacePaths';

/** System folders a run reads: programs, libraries, configuration, add-on software. Each is bound only when it exists. */
const systemDirs = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/opt', '/nix', '/gnu'];

/** Language toolchains and package caches under the home folder, bound read-only; the rest of the home stays hidden. */
const homeToolchains = [
  '.nvm', '.volta', '.bun', '.deno', '.local/share/pnpm', '.cargo', '.rustup', '.pyenv', '.local/bin', '.local/lib', '.asdf', '.sdkman',
  'go/bin', 'go/pkg/mod', '.m2/repository', '.gradle/caches', '.gradle/wrapper',
];

/** Variables that name a toolchain's folder (they pass into the run's environment, see cleanEnvironment). */
const toolchainVariables = ['NVM_DIR', 'CARGO_HOME', 'RUSTUP_HOME', 'PYENV_ROOT', 'VIRTUAL_ENV', 'CONDA_PREFIX', 'JAVA_HOME', 'MAVEN_HOME', 'GOROOT', 'GOMODCACHE'];

/** Folders a toolchain bind may lie inside but never be or hold: temp files and runtime sockets live throughout them. */
const neverWhole = ['/tmp', '/var/tmp', '/run', '/var/run', '/var'];
/** Kernel and device views the sandbox builds itself. */
const neverInside = ['/proc', '/sys', '/dev'];

export interface ViewRequest {
  home: string;
  env: Record<string, string | undefined>;
  /** The folders the run writes; node_modules above them resolve, as Node looks upward. */
  writable: readonly string[];
  /** The running Node binary, whose install folder (bin/.. with npm and its modules) is bound. */
  execPath?: string;
}

export interface SandboxView {
  /** bwrap options that build the view, before the writable binds. */
  args: string[];
  /** The host folders the run can see read-only (secrets inside them are masked afterwards). */
  visible: string[];
}

function real(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A folder too broad to bind: the root, the home folder or one holding it, a temp or runtime folder itself, or a kernel view. */
function tooBroad(dir: string, home: string): boolean {
  if (dir === path.parse(dir).root || isWithin(dir, home)) return true;
  return neverWhole.some((p) => isWithin(dir, p)) || neverInside.some((p) => isWithin(p, dir));
}

/** The node_modules folders above each writable root, and a root's own node_modules when it links to one elsewhere. */
function nodeModulesAround(roots: readonly string[]): string[] {
  const found: string[] = [];
  for (const root of roots) {
    for (let dir = path.dirname(root); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const nm = path.join(dir, 'node_modules');
      if (isDir(nm)) found.push(nm);
    }
    // A committed link could point anywhere; only a link to another node_modules is followed.
    const linked = real(path.join(root, 'node_modules'));
    if (linked && path.basename(linked) === 'node_modules' && !isWithin(root, linked) && isDir(linked)) found.push(linked);
  }
  return found;
}

/**
 * What a sandboxed run sees besides its writable folders (an allow-list): the system folders
 * read-only, a private empty /tmp and /var/tmp, an empty writable home folder with only the
 * toolchains found in it bound back read-only, the Node install, the PATH folders and the
 * toolchain folders the environment names, and the node_modules the workspace resolves from.
 * Nothing else of the host exists inside: no /run, /var/run or /tmp sockets, no home files.
 */
export function sandboxView(request: ViewRequest): SandboxView {
  const home = real(request.home) ?? path.resolve(request.home);
  const args: string[] = [];
  const visible: string[] = [];
  for (const dir of systemDirs) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(dir);
    } catch {
      continue;
    }
    // bwrap cannot bind over a link: merged-/usr systems get the same link (/bin -> usr/bin) inside.
    if (stat.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(dir), dir);
    else if (stat.isDirectory()) args.push('--ro-bind', dir, dir), visible.push(dir);
  }
  args.push('--tmpfs', '/tmp', '--tmpfs', '/var/tmp');
  const underSystem = (p: string) => systemDirs.some((s) => isWithin(s, p));
  if (home !== path.parse(home).root && !underSystem(home)) args.push('--tmpfs', home);

  const wanted: string[] = [];
  for (const rel of homeToolchains) wanted.push(path.join(home, rel));
  for (const name of toolchainVariables) if (request.env[name]) wanted.push(request.env[name]!);
  for (const dir of (request.env.PATH ?? '').split(path.delimiter)) if (path.isAbsolute(dir)) wanted.push(dir);
  const nodeBin = request.execPath ? real(path.dirname(request.execPath)) : undefined;
  if (nodeBin && path.basename(nodeBin) === 'bin') wanted.push(path.dirname(nodeBin));
  wanted.push(...nodeModulesAround(request.writable));

  for (const candidate of wanted) {
    const dir = real(candidate);
    if (!dir || !isDir(dir) || tooBroad(dir, home)) continue;
    // Under a folder bound already, or inside the workspace (bound writable next).
    if (visible.some((v) => isWithin(v, dir)) || request.writable.some((w) => isWithin(w, dir))) continue;
    args.push('--ro-bind', dir, dir);
    visible.push(dir);
  }
  return { args, visible };
}
