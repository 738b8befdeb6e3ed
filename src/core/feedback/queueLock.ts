/**
 * Ownership of a queue folder by one process at a time. Several VS Code windows share the extension's
 * global storage, so two collectors can open the same folder; only the lock holder appends to segment
 * files, sends and acknowledges. The lock is a file naming the owner's pid; a lock whose process is gone
 * (or, in this process, whose instance let go without releasing) is stale and taken over.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const LOCK_FILE = 'owner.lock';

/** Tokens of locks held by live instances in this process. */
const heldHere = new Set<string>();

interface LockContent {
  pid: number;
  token: string;
  since: string;
}

export class QueueLock {
  private released = false;

  private constructor(
    private readonly file: string,
    readonly token: string,
  ) {
    heldHere.add(token);
  }

  /** Takes the folder's lock, or returns undefined while a live owner holds it. */
  static tryAcquire(dir: string): QueueLock | undefined {
    const file = path.join(dir, LOCK_FILE);
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = randomUUID();
      const content: LockContent = { pid: process.pid, token, since: new Date().toISOString() };
      try {
        fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx' });
        return new QueueLock(file, token);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const seenText = readLockText(file);
      const seen = seenText === undefined ? undefined : parseLock(seenText);
      if (seen ? isHeld(seen) : seenText !== undefined && youngerThan(file, 5000)) return undefined;
      // Stale (or unreadable): remove it unless it changed meanwhile, then race for it again with 'wx'.
      if (seenText !== undefined && readLockText(file) === seenText) {
        try {
          fs.unlinkSync(file);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
    }
    return undefined;
  }

  /** True while this instance still holds the lock (it can be lost if the file was removed by hand). */
  stillHeld(): boolean {
    if (this.released) return false;
    return readLock(this.file)?.token === this.token;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.token);
    if (readLock(this.file)?.token !== this.token) return;
    try {
      fs.unlinkSync(this.file);
    } catch {
      // Already gone.
    }
  }
}

function readLockText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readLock(file: string): LockContent | undefined {
  const text = readLockText(file);
  return text === undefined ? undefined : parseLock(text);
}

function parseLock(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as LockContent;
    return typeof value.pid === 'number' && typeof value.token === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An unreadable lock may be one another process has created and not yet written. */
function youngerThan(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < ms;
  } catch {
    return false;
  }
}

function isHeld(lock: LockContent): boolean {
  if (lock.pid === process.pid) return heldHere.has(lock.token);
  return processAlive(lock.pid);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
