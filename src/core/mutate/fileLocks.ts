import * as path from 'node:path';
import { AtomicError, throwIfAborted } from '../errors';

/** Paths a run has put its own content into, each with the promise that settles when it gives the file back. */
const held = new Map<string, Promise<void>>();

export interface LockWait {
  /** How long to wait for another run to give the file back; 0 fails at once. */
  waitMs: number;
  signal?: AbortSignal;
  /** Called once when the file is busy and the wait begins. */
  onWait?: () => void;
}

export const isFileLocked = (file: string): boolean => held.has(path.resolve(file));

/**
 * Takes the in-process lock on one file, so two runs (mutation testing, verify, a generated test)
 * never swap their content into the same file at once. Waits at most `waitMs`: the wait is bounded
 * so that two runs each holding a file the other wants fail with a clear error instead of hanging.
 * Returns the release function (calling it twice is harmless).
 */
export async function lockFile(file: string, wait: LockWait): Promise<() => void> {
  const key = path.resolve(file);
  const deadline = Date.now() + wait.waitMs;
  let told = false;
  for (let busy = held.get(key); busy; busy = held.get(key)) {
    throwIfAborted(wait.signal);
    const left = deadline - Date.now();
    if (left <= 0) {
      const waited = wait.waitMs <= 0 ? '' : wait.waitMs >= 60_000 ? ` (waited ${Math.round(wait.waitMs / 60_000)} min)` : ` (waited ${Math.ceil(wait.waitMs / 1000)} s)`;
      throw new AtomicError('fileConflict', `${file} is being used by another run${waited}; try again when it has finished.`);
    }
    if (!told) wait.onWait?.();
    told = true;
    await settledOrTimedOut(busy, left, wait.signal);
  }
  throwIfAborted(wait.signal);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  held.set(key, released);
  return () => {
    if (held.get(key) === released) held.delete(key);
    release();
  };
}

function settledOrTimedOut(busy: Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
    void busy.then(done);
  });
}
