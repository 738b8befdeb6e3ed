import * as fs from 'node:fs';
import * as path from 'node:path';
import { throwIfAborted } from '../errors';
import type { IgnoreRules } from './ignoreRules';
import { realPathInside, realRootOf } from './realPathInside';
import { TimeSlicer } from './timeSlicer';

export interface WalkedFile {
  /** Root-relative, `/` separators. */
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Lists the files under `root` that the rules keep, in a stable order (sorted per folder).
 * A symbolic link to a file is listed (under the link's path) only when its real path stays
 * inside the root; symlinked folders are never entered (they may loop or repeat a tree).
 * Yields to the event loop every few milliseconds and stops with AtomicError 'cancelled' when
 * the signal fires.
 */
export async function walkFiles(root: string, rules: IgnoreRules, signal?: AbortSignal): Promise<WalkedFile[]> {
  throwIfAborted(signal);
  const slicer = new TimeSlicer(signal);
  const realRoot = realRootOf(root) ?? root;
  const out: WalkedFile[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder ? path.join(root, folder) : root, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: not indexed
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) rules.loadFolder(folder);
    const subfolders: string[] = [];
    for (const entry of entries) {
      const rel = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!rules.ignores(rel, true)) subfolders.push(rel);
      } else if (entry.isFile() && !rules.ignores(rel, false)) {
        const stat = statOrUndefined(path.join(root, rel));
        if (stat) out.push({ path: rel, size: stat.size, mtimeMs: stat.mtimeMs });
      } else if (entry.isSymbolicLink() && !rules.ignores(rel, false)) {
        const real = realPathInside(realRoot, path.join(root, rel));
        const stat = real === undefined ? undefined : statOrUndefined(real);
        if (stat) out.push({ path: rel, size: stat.size, mtimeMs: stat.mtimeMs });
      }
    }
    for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]);
    await slicer.tick();
  }
  return out;
}

export function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}
