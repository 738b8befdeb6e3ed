// A throwaway git repository made from test/fixtures/<name>: committed by a fixed author,
// then modified (uncommitted) as the scenario asks.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, makeTempDir, removeDir } from './paths';

export interface FileChange {
  /** Path relative to the repository root. */
  file: string;
  /** Replace the first occurrence of `from` with `to`. */
  replace?: { from: string; to: string };
  /** Or write this whole content (creates the file). */
  content?: string;
}

export interface FixtureRepo {
  dir: string;
  git(...args: string[]): string;
  /** 1-based line of the first line containing `text` in `file`. */
  lineOf(file: string, text: string): number;
  remove(): void;
}

const author = {
  GIT_AUTHOR_NAME: 'Atomic Fixture', GIT_AUTHOR_EMAIL: 'fixture@atomic.invalid', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Atomic Fixture', GIT_COMMITTER_EMAIL: 'fixture@atomic.invalid', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

export function applyChange(dir: string, change: FileChange): void {
  const file = path.join(dir, change.file);
  if (change.content !== undefined) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, change.content);
    return;
  }
  if (change.replace) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(change.replace.from)) throw new Error(`${change.file} has no "${change.replace.from}"`);
    fs.writeFileSync(file, text.replace(change.replace.from, change.replace.to));
  }
}

export function createFixtureRepo(name: string, changes: FileChange[] = []): FixtureRepo {
  const source = path.join(fixturesDir, name);
  if (!fs.existsSync(source)) throw new Error(`no fixture ${source}`);
  const dir = path.join(makeTempDir(`repo-${name}`), name);
  fs.cpSync(source, dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, ...author, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', `fixture ${name}`);
  for (const change of changes) applyChange(dir, change);
  return {
    dir,
    git,
    lineOf(file, text) {
      const index = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(text));
      if (index < 0) throw new Error(`${file} has no line with "${text}"`);
      return index + 1;
    },
    remove: () => removeDir(path.dirname(dir)),
  };
}
