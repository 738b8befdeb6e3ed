import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface JournalEntry {
  /** Absolute path of the mutated file. */
  file: string;
  /** The file's original bytes, base64; null when the file did not exist (restoring deletes it). */
  original: string | null;
  /** SHA-256 of the mutant's bytes: a file with these bytes is still mutated. */
  mutant: string;
  pid: number;
  time: string;
}

export interface Recovery {
  file: string;
  action: 'restored' | 'alreadyOriginal' | 'changedSinceKeptJournal';
}

/**
 * Makes in-place mutation (and temporary files) crash-safe: before a mutant is written, the file's original bytes go
 * to a journal entry; after the original is back, the entry is deleted. A process that dies in
 * between leaves the entry, and the next start restores the file from it.
 */
export class MutationJournal {
  constructor(readonly folder: string) {}

  private entryPath(file: string): string {
    return path.join(this.folder, `${sha(Buffer.from(path.resolve(file))).slice(0, 24)}.json`);
  }

  /** Writes `mutantText` into `file`, journaled; returns a function that restores the original bytes exactly. */
  mutate(file: string, original: Buffer, mutantText: string): Promise<() => Promise<void>> {
    return this.write(file, original, mutantText);
  }

  /**
   * Creates a file that must not outlive the run (a generated test or reproduction being tried);
   * returns the function that deletes it. Refuses to overwrite an existing file.
   */
  async createTemporary(file: string, text: string): Promise<() => Promise<void>> {
    if (await fs.stat(file).then(() => true, () => false)) throw new Error(`${file} already exists; a temporary file may not replace it.`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    return this.write(file, null, text);
  }

  private async write(file: string, original: Buffer | null, text: string): Promise<() => Promise<void>> {
    const mutant = Buffer.from(text, 'utf8');
    const entry: JournalEntry = { file: path.resolve(file), original: original?.toString('base64') ?? null, mutant: sha(mutant), pid: process.pid, time: new Date().toISOString() };
    await fs.mkdir(this.folder, { recursive: true });
    const journal = this.entryPath(file);
    await fs.writeFile(`${journal}.tmp`, JSON.stringify(entry));
    await fs.rename(`${journal}.tmp`, journal);
    await fs.writeFile(file, mutant);
    return async () => {
      if (original) await fs.writeFile(file, original);
      else await fs.rm(file, { force: true });
      await fs.rm(journal, { force: true });
    };
  }

  /**
   * Restores every file a crashed run left mutated. A file that no longer holds the mutant
   * (someone edited it since) is not touched; its entry is kept, renamed, for a human to look at.
   */
  async recover(): Promise<Recovery[]> {
    const names = await fs.readdir(this.folder).catch(() => [] as string[]);
    const done: Recovery[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const journal = path.join(this.folder, name);
      let entry: JournalEntry;
      try {
        entry = JSON.parse(await fs.readFile(journal, 'utf8')) as JournalEntry;
      } catch {
        continue; // being written right now, or not ours
      }
      if (entry.pid !== process.pid && isAlive(entry.pid)) continue; // a run in another process
      const original = entry.original === null ? undefined : Buffer.from(entry.original, 'base64');
      const current = await fs.readFile(entry.file).catch(() => undefined);
      if (current && sha(current) === entry.mutant) {
        if (original) await fs.writeFile(entry.file, original);
        else await fs.rm(entry.file, { force: true });
        await fs.rm(journal, { force: true });
        done.push({ file: entry.file, action: 'restored' });
      } else if (original ? current?.equals(original) : current === undefined) {
        await fs.rm(journal, { force: true });
        done.push({ file: entry.file, action: 'alreadyOriginal' });
      } else {
        await fs.rename(journal, `${journal}.conflict`);
        done.push({ file: entry.file, action: 'changedSinceKeptJournal' });
      }
    }
    return done;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
