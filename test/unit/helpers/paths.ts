// Where things are for unit tests, and throwaway folders.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'esbuild.mjs')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${start}`);
  }
}

/** The repository (where package.json and esbuild.mjs live), whether running from src or out. */
export const repoRoot = findRepoRoot(__dirname);
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

const made: string[] = [];

/** A new empty folder under the OS temp folder (real path, so symlinked temp roots compare equal). */
export function makeTempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `atomic-unit-${prefix}-`)));
  made.push(dir);
  return dir;
}

/** Removes every folder made by makeTempDir in this process (call from `after`). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
