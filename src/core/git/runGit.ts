import { execFile } from 'node:child_process';
import { AtomicError } from '../errors';

export const gitMissing = 'git was not found';
export const gitTimeoutMs = 60_000;

/**
 * Options before every subcommand. A repository's own config (a checked-out .git/config is
 * enough) can make git run programs: core.fsmonitor runs on diff and ls-files, hooks on others.
 * Diffs must also pass --no-ext-diff and --no-textconv.
 */
const hardening = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.quotepath=off'];

export interface RunGitOptions {
  cwd: string;
  /** The git binary (default: git from PATH). */
  gitPath?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Extra config (key, value), passed in the environment: a key may hold any character. */
  config?: readonly (readonly [string, string])[];
}

/** GIT_CONFIG_COUNT/KEY/VALUE entries for `config`, after any the caller's environment already has. */
export function configEnv(config: readonly (readonly [string, string])[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!config.length) return {};
  const first = Number(env.GIT_CONFIG_COUNT) || 0;
  const out: Record<string, string> = { GIT_CONFIG_COUNT: String(first + config.length) };
  config.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${first + i}`] = key;
    out[`GIT_CONFIG_VALUE_${first + i}`] = value;
  });
  return out;
}

/** Runs git and returns its stdout; every failure is an AtomicError ('git' or 'cancelled'). */
export function runGit(args: string[], options: RunGitOptions): Promise<string> {
  const gitPath = options.gitPath ?? 'git';
  const timeoutMs = options.timeoutMs ?? gitTimeoutMs;
  return new Promise((resolve, reject) => {
    const child = execFile(
      gitPath,
      [...hardening, ...args],
      { cwd: options.cwd, maxBuffer: 256 * 1024 * 1024, signal: options.signal, env: { ...process.env, ...configEnv(options.config ?? []), GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        clearTimeout(timer);
        if (!err) return resolve(stdout);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new AtomicError('git', `${gitMissing} (${gitPath}); install git or set git.path.`));
        }
        if (err.name === 'AbortError') return reject(new AtomicError('cancelled', 'Cancelled.'));
        reject(new AtomicError('git', `git ${args[0]} failed: ${stderr.trim() || err.message}`));
      },
    );
    // Rejects at once: a grandchild holding git's output pipe open would delay execFile's callback.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AtomicError('git', `git ${args[0]} did not finish within ${timeoutMs % 1000 ? `${timeoutMs} ms` : `${timeoutMs / 1000} s`} and was stopped.`));
    }, timeoutMs);
  });
}
