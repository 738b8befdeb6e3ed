import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf, notRegularFile, readRegularFile } from '../core/regularFile';

export interface PlannedWrite {
  /** Absolute path; written through symlinks to the real file. */
  path: string;
  content: Buffer;
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/** Creates the missing folders above `file`; returns the ones it made, deepest last. */
async function makeParents(file: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = path.dirname(file); !(await exists(dir)); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) await fs.mkdir(dir);
  return missing;
}

/**
 * Writes several files all or nothing: every new content goes to a temporary file beside its
 * target first (same folder, so the rename is atomic, with the target's permissions); only when
 * all are written are they renamed over their targets. If a rename fails, the files already
 * replaced get their old content back and new files are removed.
 */
export async function writeFilesAtomically(writes: readonly PlannedWrite[]): Promise<void> {
  const staged: Array<{ target: string; temp: string; previous?: Buffer; madeDirs: string[] }> = [];
  try {
    for (const w of writes) {
      const target = await fs.realpath(w.path).catch(() => path.resolve(w.path));
      const previousStat = await fs.stat(target).catch(() => undefined);
      // Never replace a FIFO, socket, device or folder: only regular files are edited.
      if (previousStat && !previousStat.isFile()) throw notRegularFile(w.path, fileKindOf(previousStat));
      const madeDirs = previousStat ? [] : await makeParents(target);
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      const entry: (typeof staged)[number] = { target, temp, madeDirs };
      staged.push(entry);
      if (previousStat) entry.previous = await readRegularFile(target);
      const handle = await fs.open(temp, 'wx', previousStat ? previousStat.mode & 0o7777 : 0o666);
      try {
        await handle.writeFile(w.content);
        if (previousStat) await handle.chmod(previousStat.mode & 0o7777);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (err) {
    await discard(staged);
    throw err;
  }
  const renamed: typeof staged = [];
  try {
    for (const s of staged) {
      await fs.rename(s.temp, s.target);
      renamed.push(s);
    }
  } catch (err) {
    for (const s of renamed) {
      if (s.previous) await fs.writeFile(s.target, s.previous).catch(() => undefined);
      else await fs.rm(s.target, { force: true }).catch(() => undefined);
    }
    await discard(staged);
    throw err;
  }
}

async function discard(staged: Array<{ temp: string; madeDirs: string[] }>): Promise<void> {
  for (const s of staged) {
    await fs.rm(s.temp, { force: true }).catch(() => undefined);
    for (const dir of [...s.madeDirs].reverse()) await fs.rmdir(dir).catch(() => undefined);
  }
}
