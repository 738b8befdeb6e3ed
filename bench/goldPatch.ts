// The gold patch of a SWE-bench instance as files (base content + hunks), and `git apply` of it
// in a scratch folder: what an edit must produce. Shared by the edit and oracle-replay benchmarks.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePatch } from 'diff';
import type { GoldFile, GoldHunk } from './editBenchCases';

export function show(gitDir: string, commit: string, file: string): string {
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
}

const strip = (name: string | undefined) => (!name || name === '/dev/null' ? undefined : name.replace(/^[ab]\//, ''));

/** The gold patch's files with their base content; undefined when the patch deletes or renames files (not benchmarked). */
export function goldFiles(inst: { golden_patch: string; base_commit: string }, gitDir: string): GoldFile[] | undefined {
  const files: GoldFile[] = [];
  for (const p of parsePatch(inst.golden_patch)) {
    const oldPath = strip(p.oldFileName);
    const newPath = strip(p.newFileName);
    if (!newPath || (oldPath && oldPath !== newPath) || p.isBinary) return undefined;
    const hunks: GoldHunk[] = p.hunks.map((h) => ({ ...h, lines: h.lines.filter((l) => !l.startsWith('\\')) }));
    files.push({ path: newPath, before: oldPath ? show(gitDir, inst.base_commit, oldPath) : undefined, hunks });
  }
  return files;
}

/** `git apply` of (some hunks of) the gold patch to the base files, in a scratch folder. */
export function gitApply(files: GoldFile[], keep: (fileIndex: number, hunkIndex: number) => boolean): Map<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-editbench-'));
  try {
    const patch: string[] = [];
    files.forEach((f, fi) => {
      if (f.before !== undefined) {
        fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.before);
      }
      const hunks = f.hunks.filter((_, hi) => keep(fi, hi));
      if (!hunks.length) return;
      patch.push(f.before === undefined ? '--- /dev/null' : `--- a/${f.path}`, `+++ b/${f.path}`);
      for (const h of hunks) patch.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
    });
    if (patch.length) {
      fs.writeFileSync(path.join(dir, 'gold.patch'), patch.join('\n') + '\n');
      execFileSync('git', ['apply', '--whitespace=nowarn', 'gold.patch'], { cwd: dir, stdio: 'pipe' });
    }
    return new Map(files.map((f) => [f.path, fs.existsSync(path.join(dir, f.path)) ? fs.readFileSync(path.join(dir, f.path), 'utf8') : '']));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

