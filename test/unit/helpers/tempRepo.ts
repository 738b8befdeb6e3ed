// Real git repositories in temp folders, driven with the git CLI and a fixed identity.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, makeTempDir } from './paths';

const gitEnv = {
  GIT_AUTHOR_NAME: 'Atomic Test',
  GIT_AUTHOR_EMAIL: 'test@atomic.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Atomic Test',
  GIT_COMMITTER_EMAIL: 'test@atomic.invalid',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

export interface TempRepo {
  dir: string;
  /** Runs git in the repository; returns stdout. */
  git(...args: string[]): string;
  /** Writes a file (folders created), relative to the repository root. */
  write(file: string, content: string | Uint8Array): void;
  read(file: string): string;
  /** `git add -A && git commit`; returns the new commit id. */
  commitAll(message: string): string;
}

/** An empty repository (no commits yet), optionally with files written and committed. */
export function createTempRepo(files?: Record<string, string | Uint8Array>, prefix = 'repo'): TempRepo {
  const dir = makeTempDir(prefix);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...gitEnv },
    });
  git('init', '-q');
  const repo: TempRepo = {
    dir,
    git,
    write(file, content) {
      const full = path.join(dir, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    },
    read: (file) => fs.readFileSync(path.join(dir, file), 'utf8'),
    commitAll(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
  };
  if (files) {
    for (const [file, content] of Object.entries(files)) repo.write(file, content);
    repo.commitAll('initial');
  }
  return repo;
}

/** test/fixtures/<name> copied into a new repository and committed. */
export function createFixtureRepo(name: string): TempRepo {
  const repo = createTempRepo(undefined, `fixture-${name}`);
  fs.cpSync(path.join(fixturesDir, name), repo.dir, { recursive: true });
  repo.commitAll(`fixture ${name}`);
  return repo;
}

/** Replaces the first occurrence of `from` in a file (fails when it is not there). */
export function edit(repo: TempRepo, file: string, from: string, to: string): void {
  const text = repo.read(file);
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  repo.write(file, text.replace(from, to));
}

/** review-js with multiply changed to add one (src/math.js line 12), uncommitted. */
export function changedReviewRepo(): TempRepo {
  const repo = createFixtureRepo('review-js');
  edit(repo, 'src/math.js', 'return a * b;', 'return a * b + 1;');
  return repo;
}
