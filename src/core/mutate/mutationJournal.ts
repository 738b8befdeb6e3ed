import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AtomicError, errorMessage } from '../errors';
import { readRegularFile } from '../regularFile';
import { workspaceReadMaxBytes } from '../workspace';
import { isFileLocked, lockFile, type LockWait } from './fileLocks';
import { putBack, removeEmptyFolders, sha, type JournalEntry } from './journalEntry';

/** Puts a file back as it was before the run; throws (after putting back what it can) when it cannot. */
export type Restore = () => Promise<void>;

export interface Recovery {
  file: string;
  action: 'restored' | 'alreadyOriginal' | 'changedSinceKeptJournal';
  /** Where the original bytes were saved when the file had changed since. */
  saved?: string;
}

/** What to tell the user of a file an interrupted run left changed and someone edited since. */
export function keptVersionMessage(r: Recovery): string {
  return `${r.file} was changed by an interrupted run and edited since; your version was kept${r.saved ? `, the original is saved at ${r.saved}` : ''}.`;
}

/** How long a run waits for another run to give a file back: about one slow verify of a fix. */
export const defaultLockWaitMs = 10 * 60_000;

let seq = 0;

/**
 * Makes in-place mutation (and temporary files) crash-safe and safe against concurrent change:
 * one run at a time per file in this process; before a mutant is written, the file's original
 * bytes go to a journal entry of their own; after the original is back, the entry is deleted.
 * A process that dies in between leaves the entry, and the next start restores the file from it.
 * Nothing is ever written over a file that no longer holds what the run expects.
 */
export class MutationJournal {
  private readonly lockWaitMs: number;

  constructor(readonly folder: string, options: { lockWaitMs?: number } = {}) {
    this.lockWaitMs = options.lockWaitMs ?? defaultLockWaitMs;
  }

  /**
   * Writes `mutantText` into `file`, journaled, once no other run of this process is using the file
   * and only if it still holds `expected` (its original bytes, or a check that throws when the
   * current bytes are not what the caller wants to replace). Returns the function that restores it.
   */
  async mutate(file: string, expected: Buffer | ((current: Buffer) => void), mutantText: string, wait: Omit<LockWait, 'waitMs'> = {}): Promise<Restore> {
    const release = await lockFile(file, { waitMs: this.lockWaitMs, ...wait });
    try {
      const current = await readRegularFile(file, { maxBytes: workspaceReadMaxBytes }).catch((err: NodeJS.ErrnoException) => {
        throw new AtomicError('editNotApplied', err.code === 'ENOENT' ? `${file} no longer exists; it was not changed.` : `Cannot read ${file}: ${err.message}`);
      });
      if (typeof expected === 'function') expected(current);
      else if (!current.equals(expected)) throw new AtomicError('editNotApplied', `${file} changed since this run read it; it was not changed.`);
      return await this.write(file, current, mutantText, undefined, release);
    } catch (err) {
      release();
      throw err;
    }
  }

  /**
   * Creates a file that must not outlive the run (a generated test or reproduction being tried);
   * returns the function that deletes it, with the folders created for it. Refuses to overwrite an
   * existing file, and does not wait for a file another run is using.
   */
  async createTemporary(file: string, text: string): Promise<Restore> {
    const release = await lockFile(file, { waitMs: 0 });
    let createdFolder: string | undefined;
    try {
      const exists = await fs.lstat(file).then(() => true, (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw cannotCreate(file, err);
      });
      if (exists) throw new AtomicError('usage', `${file} already exists; a temporary file may not replace it.`);
      createdFolder = await fs.mkdir(path.dirname(file), { recursive: true }).catch((err: unknown) => {
        throw cannotCreate(file, err);
      });
      return await this.write(file, null, text, createdFolder, release);
    } catch (err) {
      await removeEmptyFolders(file, createdFolder);
      release();
      throw err;
    }
  }

  private async write(file: string, original: Buffer | null, text: string, createdFolder: string | undefined, release: () => void): Promise<Restore> {
    const mutant = Buffer.from(text, 'utf8');
    const absolute = path.resolve(file);
    const entry: JournalEntry = {
      file: absolute,
      original: original?.toString('base64') ?? null,
      mutant: sha(mutant),
      ...(createdFolder ? { createdFolder } : {}),
      pid: process.pid,
      time: new Date().toISOString(),
      seq: ++seq,
    };
    // One entry per run, never per path: two entries for one file (a crash during another's run) both survive.
    const journal = path.join(this.folder, `${sha(Buffer.from(absolute)).slice(0, 24)}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.json`);
    try {
      await fs.mkdir(this.folder, { recursive: true });
      await fs.writeFile(`${journal}.tmp`, JSON.stringify(entry));
      await fs.rename(`${journal}.tmp`, journal);
    } catch (err) {
      throw new AtomicError('configuration', `Cannot write the mutation journal in ${this.folder} (${errorMessage(err)}); ${file} was not changed.`);
    }
    try {
      await fs.writeFile(file, mutant, { flag: original ? 'w' : 'wx' });
    } catch (err) {
      await this.undoFailedWrite(file, original, journal, err);
      throw original ? new AtomicError('editNotApplied', `Cannot write ${file}: ${errorMessage(err)}`) : cannotCreate(file, err);
    }

    let done = false;
    return async () => {
      if (done) return;
      done = true;
      try {
        const outcome = await putBack(journal, entry).catch((err: unknown) => {
          throw new AtomicError('fileConflict', `Could not put ${file} back (${errorMessage(err)}); its original is kept in the journal entry ${journal}.`);
        });
        if (outcome.action === 'changedSinceKeptJournal') {
          throw new AtomicError('fileConflict', outcome.saved
            ? `${file} changed while tests ran; your version was kept, the original is saved at ${outcome.saved}.`
            : `${file}, a temporary file of this run, changed while tests ran; your version was kept.`);
        }
      } finally {
        release();
      }
    };
  }

  /** A failed write may have left part of the mutant: put the original back; the entry stays when that fails too. */
  private async undoFailedWrite(file: string, original: Buffer | null, journal: string, err: unknown): Promise<void> {
    try {
      if (original) await fs.writeFile(file, original);
      else if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(file, { force: true });
      await fs.rm(journal, { force: true });
    } catch {
      // recovery at the next start sorts it out from the entry
    }
  }

  /**
   * Restores every file a crashed run left mutated, newest entry first (so two entries for one file
   * unwind in order). A file that no longer holds the mutant (someone edited it since) is not
   * touched; its original is saved and its entry kept, renamed, for a human to look at.
   */
  async recover(): Promise<Recovery[]> {
    const names = await fs.readdir(this.folder).catch(() => [] as string[]);
    const entries: Array<{ journal: string; entry: JournalEntry }> = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const journal = path.join(this.folder, name);
      let entry: JournalEntry;
      try {
        entry = JSON.parse(await fs.readFile(journal, 'utf8')) as JournalEntry;
      } catch {
        continue; // being written right now, or not ours
      }
      if (entry.pid !== process.pid && isAlive(entry.pid)) continue; // a run in another process
      if (entry.pid === process.pid && isFileLocked(entry.file)) continue; // a run in this one
      entries.push({ journal, entry });
    }
    entries.sort((a, b) => b.entry.time.localeCompare(a.entry.time) || (b.entry.seq ?? 0) - (a.entry.seq ?? 0));
    const done: Recovery[] = [];
    for (const { journal, entry } of entries) {
      try {
        done.push({ file: entry.file, ...(await putBack(journal, entry)) });
      } catch {
        // unreadable or unwritable now: the entry stays for the next start
      }
    }
    return done;
  }
}

function cannotCreate(file: string, err: unknown): AtomicError {
  return new AtomicError('usage', `Cannot create ${file}: ${errorMessage(err)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
