// A work tree of a bare git directory that moves from commit to commit by writing only the
// files that differ (so a code index over it updates incrementally, as in an editor). The git
// directory is only read. Shared by the benchmarks that check out SWE-bench base commits.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where the fetch tool puts repositories (owner+name/repo), or ATOMIC_BENCH_REPOS_DIR. */
export const reposDir = process.env.ATOMIC_BENCH_REPOS_DIR ?? path.resolve(__dirname, '..', '..', '..', '.mirror');

/** The git directory of `owner/name` under reposDir, if fetched. */
export function mirrorGitDir(repo: string): string | undefined {
  const name = repo.replace('/', '+');
  for (const sub of ['repo', '.git', '']) {
    const dir = path.join(reposDir, name, sub);
    if (fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'))) return dir;
  }
  return undefined;
}

function git(gitDir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 28 }).toString();
}

/**
 * A work tree that follows commits of a mirror: files are written from `git cat-file --batch`
 * (first the whole tree, then each `diff-tree` between commits), so only changed files get a
 * new mtime and the mirror is only read. Blobs the mirror lacks (snapshots may leave out
 * the largest files) are skipped and counted.
 */
export class MovingCheckout {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-checkout-'));
  private current: string | undefined;
  missingBlobs = 0;

  constructor(private readonly gitDir: string) {}

  moveTo(commit: string): void {
    const entries = this.current ? this.changes(this.current, commit) : this.tree(commit);
    const writes = entries.filter((e) => e.sha !== undefined);
    for (const e of entries) if (e.sha === undefined) fs.rmSync(path.join(this.dir, e.path), { force: true });
    if (writes.length > 0) {
      const out = execFileSync('git', ['--git-dir', this.gitDir, 'cat-file', '--batch'], { input: writes.map((e) => e.sha).join('\n') + '\n', maxBuffer: 1 << 30 });
      let pos = 0;
      for (const e of writes) {
        const nl = out.indexOf(10, pos);
        const header = out.subarray(pos, nl).toString();
        pos = nl + 1;
        if (header.endsWith(' missing')) {
          this.missingBlobs++;
          continue;
        }
        const size = Number(header.split(' ')[2]);
        const file = path.join(this.dir, e.path);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, out.subarray(pos, pos + size));
        pos += size + 1;
      }
    }
    this.current = commit;
  }

  /** Regular files of a commit. */
  private tree(commit: string): { path: string; sha?: string }[] {
    const out = git(this.gitDir, ['ls-tree', '-r', '-z', commit]);
    return out
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [meta, file] = line.split('\t');
        const [mode, type, sha] = meta.split(' ');
        return { mode, type, sha, path: file };
      })
      .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755'))
      .map((e) => ({ path: e.path, sha: e.sha }));
  }

  /** Files added or changed (with their new blob) and deleted (no blob) between two commits. */
  private changes(from: string, to: string): { path: string; sha?: string }[] {
    const fields = git(this.gitDir, ['diff-tree', '-r', '-z', '--no-renames', from, to]).split('\0');
    const out: { path: string; sha?: string }[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const [, newMode, , newSha, status] = fields[i].replace(/^:/, '').split(' ');
      const file = fields[i + 1];
      const regular = newMode === '100644' || newMode === '100755';
      out.push({ path: file, sha: status === 'D' || !regular ? undefined : newSha });
    }
    return out;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
