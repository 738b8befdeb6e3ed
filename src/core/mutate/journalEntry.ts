import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readRegularFileIfPresent } from '../regularFile';

export const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface JournalEntry {
  /** Absolute path of the mutated file. */
  file: string;
  /** The file's original bytes, base64; null when the file did not exist (restoring deletes it). */
  original: string | null;
  /** SHA-256 of the bytes the run wrote: a file with these bytes still holds the run's content. */
  mutant: string;
  /** The topmost folder created for a temporary file; removed with it when left empty. */
  createdFolder?: string;
  pid: number;
  time: string;
  /** Orders entries written in the same millisecond by this process. */
  seq?: number;
}

export type PutBack =
  | { action: 'restored' | 'alreadyOriginal' }
  /** Someone changed the file since the run wrote it: their version stays; `saved` holds the original bytes. */
  | { action: 'changedSinceKeptJournal'; saved?: string };

/**
 * Gives a file back its original content, but only while it still holds what the run wrote: a
 * file changed since (the user saved it during the run) keeps that change, the original bytes go
 * to `conflicts/` beside the journal and the entry is kept, renamed `.conflict`, for a human.
 */
export async function putBack(journal: string, entry: JournalEntry): Promise<PutBack> {
  const original = entry.original === null ? undefined : Buffer.from(entry.original, 'base64');
  const current = await readRegularFileIfPresent(entry.file);
  if (current && sha(current) === entry.mutant) {
    if (original) await fs.writeFile(entry.file, original);
    else await removeTemporary(entry.file, entry.createdFolder);
    await fs.rm(journal, { force: true });
    return { action: 'restored' };
  }
  if (original ? current?.equals(original) : current === undefined) {
    if (!original) await removeEmptyFolders(entry.file, entry.createdFolder);
    await fs.rm(journal, { force: true });
    return { action: 'alreadyOriginal' };
  }
  const saved = original && (await saveOriginal(journal, entry.file, original));
  await fs.rename(journal, `${journal}.conflict`);
  return { action: 'changedSinceKeptJournal', ...(saved ? { saved } : {}) };
}

async function saveOriginal(journal: string, file: string, original: Buffer): Promise<string> {
  const folder = path.join(path.dirname(journal), 'conflicts');
  await fs.mkdir(folder, { recursive: true });
  const saved = path.join(folder, `${path.basename(journal, '.json')}-${path.basename(file)}`);
  await fs.writeFile(saved, original, { flag: 'wx' });
  return saved;
}

export async function removeTemporary(file: string, createdFolder: string | undefined): Promise<void> {
  await fs.rm(file, { force: true });
  await removeEmptyFolders(file, createdFolder);
}

/** Removes the folders from `file`'s up to `createdFolder` while they are empty (anything else put there stays). */
export async function removeEmptyFolders(file: string, createdFolder: string | undefined): Promise<void> {
  if (!createdFolder) return;
  const top = path.resolve(createdFolder);
  for (let dir = path.dirname(path.resolve(file)); dir === top || dir.startsWith(top + path.sep); dir = path.dirname(dir)) {
    try {
      await fs.rmdir(dir);
    } catch {
      return;
    }
  }
}
