import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../errors';

/** How an unsandboxed run is tied to the process that started it (Linux); probed once per process. */
export interface Tether {
  /** Put before the command: the wrapper programs and their options. */
  prefix: string[];
  /** True when the run has its own PID namespace: when its command exits, or the parent dies, everything it started is killed. */
  pidNamespace: boolean;
}

/**
 * pid 1 of the namespace: a shell that runs the command as its child and exits with its status.
 * The command itself must not be pid 1, which ignores every signal it has no handler for (a
 * program that kills itself would hang), and its argv[0] is an absolute path so the shell never
 * reads it as a builtin.
 */
const init = ['sh', '-c', '"$@"; exit $?', 'sh'];

function works(argv: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile(argv[0], [...argv.slice(1), 'true'], { timeout: 10_000 }, (err) => resolve(!err)));
}

let probed: Promise<Tether | undefined> | undefined;

/**
 * The best way here to make an unsandboxed run die with its parent. setpriv --pdeathsig KILL
 * kills the wrapper when the parent dies, even by SIGKILL; under it, unshare gives the run a PID
 * namespace (a user namespace makes that unprivileged) with its own /proc where it can, whose
 * pid 1 it kills when unshare dies, which ends the whole tree. Without user namespaces only the
 * direct child dies with the parent. Undefined off Linux or without setpriv.
 */
export function tether(): Promise<Tether | undefined> {
  if (process.platform !== 'linux') return Promise.resolve(undefined);
  probed ??= (async () => {
    const setpriv = [process.env.ATOMIC_SKILLS_SETPRIV ?? 'setpriv', '--pdeathsig', 'KILL'];
    if (!(await works(setpriv))) return undefined;
    const unshare = process.env.ATOMIC_SKILLS_UNSHARE ?? 'unshare';
    // root needs no user namespace, and inside one would lose its rights over files of users the namespace does not map.
    const user = process.getuid?.() === 0 ? [] : ['--user', '--map-current-user'];
    const pid = [unshare, ...user, '--pid', '--fork', '--kill-child'];
    for (const ns of [[...pid, '--mount-proc'], pid]) {
      if (await works([...setpriv, ...ns, '--'])) return { prefix: [...setpriv, ...ns, '--', ...init], pidNamespace: true };
    }
    return { prefix: setpriv, pidNamespace: false };
  })();
  return probed;
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `program` as spawn would find it (PATH for a bare name, else from `cwd`); undefined when there is none. */
export function resolveProgram(program: string, cwd: string, searchPath: string | undefined): string | undefined {
  if (program.includes('/')) {
    const file = path.resolve(cwd, program);
    return executable(file) ? file : undefined;
  }
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.resolve(cwd, dir, program);
    if (executable(file)) return file;
  }
  return undefined;
}

/**
 * `argv` tied to its parent (see tether), with its program resolved first: a missing program is
 * the same clear error as without the wrapper, and the wrapper's shell gets an absolute path.
 */
export async function tetheredArgv(argv: readonly string[], cwd: string, searchPath: string | undefined): Promise<{ argv: string[]; pidNamespace: boolean }> {
  const leash = await tether();
  if (!leash) return { argv: [...argv], pidNamespace: false };
  const program = resolveProgram(argv[0], cwd, searchPath);
  if (!program) throw new AtomicError('configuration', `Cannot run ${argv[0]}: it is not installed or not on PATH.`);
  return { argv: [...leash.prefix, program, ...argv.slice(1)], pidNamespace: leash.pidNamespace };
}
