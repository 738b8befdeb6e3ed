import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AtomicError } from '../errors';
import { cleanEnvironment } from './cleanEnvironment';
import { tetheredArgv } from './dieWithParent';
import { CappedOutput } from './outputCap';
import { killMarked, killTree, runMarker } from './processTree';
import { makePlaceholders, removePlaceholders } from './runLaterPlaceholders';
import { overlayArgv } from './overlayLayer';
import type { RunRequest, RunResult } from './runTypes';
import { bubblewrap, sandboxArgv } from './sandbox';

/** After the process exits, how long its pipes may stay open (held by a leftover child) before the tree is killed. */
const drainMs = 2_000;

/**
 * Runs one process with a time limit, an output cap and a clean environment, in bubblewrap when
 * asked and available, else tied to our process (dieWithParent) so it dies with it. On timeout or
 * cancellation the whole process tree is killed, and nothing it started outlives the run. Never
 * throws for a failing program: the result says how it ended. Throws only when it cannot start.
 */
export async function runProcess(request: RunRequest): Promise<RunResult> {
  if (!request.argv.length) throw new AtomicError('usage', 'There is no command to run.');
  if (request.signal?.aborted) throw new AtomicError('cancelled', 'Cancelled before the run started.');
  const bwrap = request.sandbox ? await bubblewrap() : undefined;
  const runTmp = bwrap ? await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-run-')) : undefined;
  const placeholders = bwrap && request.sandbox ? await makePlaceholders(request.sandbox.writable) : [];
  // Where no PID namespace ends the tree, processes that left it (setsid, double fork) are found by this variable.
  const marker = randomUUID();
  const env = cleanEnvironment(process.env, { ...request.env, ...(runTmp ? { TMPDIR: runTmp, TMP: runTmp, TEMP: runTmp } : {}), [runMarker]: marker });
  const sandboxed = Boolean(bwrap && request.sandbox && runTmp);
  const tethered = sandboxed ? undefined : await tetheredArgv(request.argv, request.cwd, env.PATH);
  const inner = tethered?.argv ?? sandboxArgv(bwrap!, request.argv, { writable: [...request.sandbox!.writable, runTmp!], cwd: request.cwd, env });
  // A workspace view's overlay is mounted around the sandbox (see workspaceView).
  const argv = request.overlay ? overlayArgv(request.overlay, inner, request.cwd, bwrap) : inner;
  const sweep = () => (tethered && !tethered.pidNamespace ? killMarked(marker) : Promise.resolve());
  const output = new CappedOutput(request.maxOutputBytes);
  const started = Date.now();
  const child = spawn(argv[0], argv.slice(1), {
    cwd: request.cwd,
    env,
    detached: process.platform !== 'win32',
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let timedOut = false;
  let cancelled = false;
  let killing: Promise<void> | undefined;
  const kill = () => {
    if (child.pid !== undefined) killing ??= killTree(child.pid);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, request.timeoutMs);
  const onAbort = () => {
    cancelled = true;
    kill();
  };
  request.signal?.addEventListener('abort', onAbort, { once: true });
  child.stdout.on('data', (c: Buffer) => output.push(c));
  child.stderr.on('data', (c: Buffer) => output.push(c));
  child.stdin.on('error', () => undefined); // a program that does not read its input
  child.stdin.end(request.stdin ?? '');

  try {
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      let drain: NodeJS.Timeout | undefined;
      child.once('error', (err: NodeJS.ErrnoException) => {
        reject(
          err.code === 'ENOENT'
            ? new AtomicError('configuration', `Cannot run ${request.argv[0]}: it is not installed or not on PATH.`)
            : new AtomicError('configuration', `Cannot run ${request.argv[0]}: ${err.message}`),
        );
      });
      child.once('exit', (code, sig) => {
        drain = setTimeout(() => {
          kill();
          child.stdout.destroy();
          child.stderr.destroy();
          resolve({ code, signal: sig });
        }, drainMs);
      });
      child.once('close', (code, sig) => {
        if (drain) clearTimeout(drain);
        resolve({ code, signal: sig });
      });
    });
    // Children it left behind do not outlive the run.
    if (!timedOut && !cancelled && child.pid !== undefined) await killTree(child.pid);
    await killing;
    await sweep();
    return {
      argv: request.argv,
      cwd: request.cwd,
      exitCode: ended.code,
      signal: ended.signal,
      timedOut,
      cancelled,
      durationMs: Date.now() - started,
      output: output.text(),
      outputBytes: output.totalBytes,
      truncated: output.truncated,
      sandboxed,
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    if (runTmp) await fs.rm(runTmp, { recursive: true, force: true }).catch(() => undefined);
    await removePlaceholders(placeholders);
  }
}
