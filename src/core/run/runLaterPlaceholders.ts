import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runLaterInRoot } from './sandboxMounts';

/**
 * Creates an empty folder for each of `.git` and `.vscode` that a writable root lacks, so the
 * sandbox binds it read-only like an existing one: a run must not plant a repository whose config
 * git runs, or settings VS Code applies at once. Git skips an empty `.git` folder when it looks
 * for a repository. Returns the folders it created.
 */
export async function makePlaceholders(roots: readonly string[]): Promise<string[]> {
  const created: string[] = [];
  for (const root of roots) {
    for (const name of runLaterInRoot) {
      const dir = path.join(root, name);
      try {
        await fs.mkdir(dir); // fails when anything (a file, a link) is there already
        created.push(dir);
      } catch {
        // present, or the root itself is gone or read-only: nothing to hold
      }
    }
  }
  return created;
}

/** Removes the placeholders that are still empty; one the user's editor wrote into during the run stays. */
export async function removePlaceholders(created: readonly string[]): Promise<void> {
  await Promise.all(created.map((dir) => fs.rmdir(dir).catch(() => undefined)));
}
