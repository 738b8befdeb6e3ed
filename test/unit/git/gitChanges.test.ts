import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseChangeSet, type ChangedFile } from '../../../src/core/diff/changeSet';
import { GitChanges } from '../../../src/core/git/gitChanges';
import { configEnv, runGit } from '../../../src/core/git/runGit';
import type { ChangeScope } from '../../../src/core/ports/changeSource';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

after(removeTempDirs);

const signal = () => new AbortController().signal;

async function changed(repo: TempRepo, scope: ChangeScope): Promise<Record<string, string>> {
  const changes = await GitChanges.open(repo.dir);
  const files = parseChangeSet(await changes.diff(scope, signal()));
  return Object.fromEntries(files.map((f) => [f.path, f.status]));
}

async function files(repo: TempRepo, scope: ChangeScope): Promise<ChangedFile[]> {
  return parseChangeSet(await (await GitChanges.open(repo.dir)).diff(scope, signal()));
}

/** A repository with two commits (v1: a.txt; v2: a.txt changed, b.txt added). */
function twoCommits(): TempRepo & { first: string; second: string } {
  const repo = createTempRepo({ 'a.txt': 'one\n', '.gitignore': 'ignored.log\n' });
  const first = repo.git('rev-parse', 'HEAD').trim();
  repo.write('a.txt', 'one\ntwo\n');
  repo.write('b.txt', 'bee\n');
  const second = repo.commitAll('second');
  return Object.assign(repo, { first, second });
}

describe('GitChanges.open', () => {
  it('finds the repository root from a subfolder', async () => {
    const repo = createTempRepo({ 'src/deep/x.txt': 'x\n' });
    const changes = await GitChanges.open(path.join(repo.dir, 'src', 'deep'));
    assert.equal(fs.realpathSync(changes.root), repo.dir);
  });

  it('refuses a folder that is not in a git repository', async () => {
    const dir = makeTempDir('plain');
    await rejectsWithReason(GitChanges.open(dir), 'git', /is not inside a git repository/);
  });

  it('refuses a folder that does not exist, without blaming git', async () => {
    const missing = path.join(makeTempDir('gone'), 'not-there');
    const err = await rejectsWithReason(GitChanges.open(missing), 'git', /not-there is not a folder/);
    assert.doesNotMatch(err.message, /git was not found/);
  });

  it('says that git itself is missing when the git binary cannot be found', async () => {
    const repo = createTempRepo({ 'a.txt': 'a\n' });
    const err = await rejectsWithReason(GitChanges.open(repo.dir, '/nonexistent/bin/git'), 'git', /git was not found \(\/nonexistent\/bin\/git\)/);
    assert.doesNotMatch(err.message, /not inside a git repository/);
  });
});

describe('GitChanges.diff: uncommitted', () => {
  it('includes modified tracked files, staged files and untracked files, not ignored ones', async () => {
    const repo = twoCommits();
    repo.write('a.txt', 'one\ntwo\nthree\n');
    repo.write('staged.txt', 'staged\n');
    repo.git('add', 'staged.txt');
    repo.write('src/untracked.js', 'console.log(1);\n');
    repo.write('ignored.log', 'noise\n');
    assert.deepEqual(await changed(repo, { kind: 'uncommitted' }), {
      'a.txt': 'modified',
      'staged.txt': 'added',
      'src/untracked.js': 'added',
    });
    const untracked = (await files(repo, { kind: 'uncommitted' })).find((f) => f.path === 'src/untracked.js')!;
    assert.deepEqual(untracked.addedLines, [1]);
    assert.deepEqual(untracked.hunks[0].lines, ['+console.log(1);']);
  });

  it('reports changed and new binary files as binary', async () => {
    const repo = createTempRepo({ 'logo.png': Buffer.from([0x89, 0x50, 0, 1, 2]) });
    repo.write('logo.png', Buffer.from([0x89, 0x50, 0, 9, 9]));
    repo.write('new.bin', Buffer.from([0, 0, 0, 1]));
    assert.deepEqual(await changed(repo, { kind: 'uncommitted' }), { 'logo.png': 'binary', 'new.bin': 'binary' });
  });

  it('treats an untracked file over 1 MB as binary instead of sending its text', async () => {
    const repo = createTempRepo({ 'a.txt': 'a\n' });
    repo.write('dump.sql', 'insert into t values (1);\n'.repeat(45_000));
    const diff = await (await GitChanges.open(repo.dir)).diff({ kind: 'uncommitted' }, signal());
    assert.ok(diff.length < 1000, `diff is ${diff.length} characters`);
    assert.deepEqual(parseChangeSet(diff).map((f) => [f.path, f.status]), [['dump.sql', 'binary']]);
  });

  it('detects a moved file as a rename', async () => {
    const repo = createTempRepo({ 'old.js': Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n' });
    repo.git('mv', 'old.js', 'new.js');
    const [file] = await files(repo, { kind: 'uncommitted' });
    assert.equal(file.status, 'renamed');
    assert.equal(file.path, 'new.js');
    assert.equal(file.oldPath, 'old.js');
  });

  it('returns nothing when the working tree is clean', async () => {
    const repo = twoCommits();
    assert.equal(await (await GitChanges.open(repo.dir)).diff({ kind: 'uncommitted' }, signal()), '');
  });

  it('works in a repository without commits: staged and untracked files are all new', async () => {
    const repo = createTempRepo();
    repo.write('staged.txt', 's\n');
    repo.git('add', 'staged.txt');
    repo.write('loose.txt', 'l\n');
    assert.deepEqual(await changed(repo, { kind: 'uncommitted' }), { 'staged.txt': 'added', 'loose.txt': 'added' });
    assert.deepEqual(await changed(repo, { kind: 'staged' }), { 'staged.txt': 'added' });
  });

  it('keeps a/ and b/ paths whatever the user configured for diff prefixes', async () => {
    for (const [key, value] of [
      ['diff.mnemonicPrefix', 'true'],
      ['diff.noprefix', 'true'],
    ]) {
      const repo = createTempRepo({ 'src/app.js': 'a\n' });
      repo.git('config', key, value);
      repo.write('src/app.js', 'a\nb\n');
      repo.write('src/new.js', 'n\n');
      repo.git('add', 'src/new.js');
      assert.deepEqual(await changed(repo, { kind: 'uncommitted' }), { 'src/app.js': 'modified', 'src/new.js': 'added' }, key);
      assert.deepEqual(await changed(repo, { kind: 'staged' }), { 'src/new.js': 'added' }, key);
    }
  });
});

describe('GitChanges.diff: staged', () => {
  it('includes only what is in the index', async () => {
    const repo = twoCommits();
    repo.write('a.txt', 'one\ntwo\nstaged\n');
    repo.git('add', 'a.txt');
    repo.write('a.txt', 'one\ntwo\nstaged\nunstaged\n');
    repo.write('loose.txt', 'l\n');
    const [file, ...rest] = await files(repo, { kind: 'staged' });
    assert.deepEqual(rest, []);
    assert.equal(file.path, 'a.txt');
    assert.deepEqual(file.hunks[0].lines.filter((l) => l.startsWith('+')), ['+staged']);
  });
});

describe('GitChanges.diff: range', () => {
  it('compares a base with the working tree, untracked files included', async () => {
    const repo = twoCommits();
    repo.write('loose.txt', 'l\n');
    assert.deepEqual(await changed(repo, { kind: 'range', base: repo.first }), { 'a.txt': 'modified', 'b.txt': 'added', 'loose.txt': 'added' });
    assert.deepEqual(await changed(repo, { kind: 'range', base: 'HEAD~1' }), { 'a.txt': 'modified', 'b.txt': 'added', 'loose.txt': 'added' });
  });

  it('compares two revisions, ignoring the working tree', async () => {
    const repo = twoCommits();
    repo.write('a.txt', 'dirty\n');
    repo.write('loose.txt', 'l\n');
    assert.deepEqual(await changed(repo, { kind: 'range', base: 'HEAD~1', head: 'HEAD' }), { 'a.txt': 'modified', 'b.txt': 'added' });
    const [a] = await files(repo, { kind: 'range', base: repo.first, head: repo.second });
    assert.deepEqual(a.hunks[0].lines, [' one', '+two']);
  });

  it('accepts branch and tag names', async () => {
    const repo = twoCommits();
    repo.git('tag', 'v1', repo.first);
    repo.git('branch', 'feature/x', repo.second);
    assert.deepEqual(await changed(repo, { kind: 'range', base: 'v1', head: 'feature/x' }), { 'a.txt': 'modified', 'b.txt': 'added' });
  });

  it('says which base revision is unknown', async () => {
    const repo = twoCommits();
    const changes = await GitChanges.open(repo.dir);
    await rejectsWithReason(changes.diff({ kind: 'range', base: 'no-such-branch' }, signal()), 'git', /Unknown revision "no-such-branch"/);
    await rejectsWithReason(changes.diff({ kind: 'range', base: 'HEAD', head: 'no-such-head' }, signal()), 'git', /no-such-head/);
  });

  it('refuses revisions that git would read as options, and runs nothing', async () => {
    const repo = twoCommits();
    const changes = await GitChanges.open(repo.dir);
    const target = path.join(makeTempDir('out'), 'written-by-git.txt');
    for (const scope of [
      { kind: 'range', base: `--output=${target}` },
      { kind: 'range', base: 'HEAD', head: `--output=${target}` },
      { kind: 'range', base: '-p' },
      { kind: 'range', base: 'HEAD --output=x' },
      { kind: 'range', base: 'HEAD\u0000x' },
      { kind: 'range', base: 'HEAD', head: '' },
    ] as ChangeScope[]) {
      await rejectsWithReason(changes.diff(scope, signal()), 'usage', /is not a valid revision/);
    }
    assert.equal(fs.existsSync(target), false, 'git must not have written the --output file');
  });
});

describe('GitChanges.diff: cancellation', () => {
  it('rejects with "cancelled" when the signal is aborted', async () => {
    const repo = twoCommits();
    repo.write('a.txt', 'changed\n');
    const changes = await GitChanges.open(repo.dir);
    const controller = new AbortController();
    controller.abort();
    for (const scope of [{ kind: 'uncommitted' }, { kind: 'staged' }, { kind: 'range', base: 'HEAD', head: 'HEAD' }] as ChangeScope[]) {
      await rejectsWithReason(changes.diff(scope, controller.signal), 'cancelled');
    }
  });
});

describe('GitChanges.diff: symlinks', () => {
  it('shows an untracked symlink as git does (mode 120000, the link text), never the target file', async () => {
    const outside = makeTempDir('outside');
    const target = path.join(outside, 'id_rsa');
    fs.writeFileSync(target, 'PRIVATE KEY MATERIAL\n');
    const repo = createTempRepo({ 'a.txt': 'a\n' });
    fs.symlinkSync(target, path.join(repo.dir, 'leak'));
    fs.symlinkSync(outside, path.join(repo.dir, 'leakdir'));
    const diff = await (await GitChanges.open(repo.dir)).diff({ kind: 'uncommitted' }, signal());
    assert.doesNotMatch(diff, /PRIVATE KEY MATERIAL/);
    assert.ok(diff.includes(`diff --git a/leak b/leak\nnew file mode 120000\n--- /dev/null\n+++ b/leak\n@@ -0,0 +1,1 @@\n+${target}\n\\ No newline at end of file\n`), diff);
    assert.ok(diff.includes(`+${outside}\n`), 'a link to a folder is shown as its link text too');
    assert.deepEqual(
      parseChangeSet(diff).map((f) => [f.path, f.status]),
      [
        ['leak', 'added'],
        ['leakdir', 'added'],
      ],
    );
  });
});

describe('GitChanges: repository config cannot make git run programs', () => {
  it('runs neither the fsmonitor hook nor a textconv driver set in .git/config', async () => {
    const repo = createTempRepo({ 'a.txt': 'one\n', '.gitattributes': '*.txt diff=conv\n' });
    const marker = path.join(makeTempDir('marker'), 'ran');
    const script = path.join(makeTempDir('hook'), 'hook.sh');
    fs.writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\n`, { mode: 0o755 });
    repo.git('config', 'core.fsmonitor', script);
    repo.git('config', 'diff.conv.textconv', script);
    repo.write('a.txt', 'one\ntwo\n');
    repo.write('loose.txt', 'l\n');
    repo.git('diff', 'HEAD');
    assert.ok(fs.existsSync(marker), 'the setup is live: plain git diff runs the script');
    fs.rmSync(marker);

    const changes = await GitChanges.open(repo.dir);
    for (const scope of [{ kind: 'uncommitted' }, { kind: 'staged' }, { kind: 'range', base: 'HEAD' }, { kind: 'range', base: 'HEAD', head: 'HEAD' }] as ChangeScope[]) {
      await changes.diff(scope, signal());
    }
    assert.deepEqual(await changed(repo, { kind: 'uncommitted' }), { 'a.txt': 'modified', 'loose.txt': 'added' });
    assert.equal(fs.existsSync(marker), false, fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');
  });
});

describe('GitChanges without filter drivers (the CLI)', () => {
  /** A repository whose config runs a program as the clean filter of a.txt, under a dotted driver name. */
  function filteredRepo(): { repo: TempRepo; marker: string } {
    const repo = createTempRepo({ 'a.txt': 'one\n', '.gitattributes': 'a.txt filter=my.filter\n' });
    const marker = path.join(makeTempDir('marker'), 'ran');
    const script = path.join(makeTempDir('filter'), 'clean.sh');
    fs.writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\ncat\n`, { mode: 0o755 });
    repo.git('config', 'filter.my.filter.clean', script);
    repo.git('config', 'filter.my.filter.required', 'true');
    repo.write('a.txt', 'one\ntwo\n');
    return { repo, marker };
  }

  it('runs no clean filter of the repository, and still shows the change', async () => {
    const { repo, marker } = filteredRepo();
    repo.git('diff', 'HEAD');
    assert.ok(fs.existsSync(marker), 'the setup is live: plain git diff runs the filter');
    fs.rmSync(marker);

    const changes = await GitChanges.open(repo.dir, 'git', { runFilters: false });
    const diff = await changes.diff({ kind: 'uncommitted' }, signal());
    assert.match(diff, /^\+two$/m);
    await changes.diff({ kind: 'range', base: 'HEAD' }, signal());
    assert.equal(fs.existsSync(marker), false, 'the filter ran');
  });

  it('keeps the filters by default (VS Code, in a trusted workspace), as the user\'s git does', async () => {
    const { repo, marker } = filteredRepo();
    await (await GitChanges.open(repo.dir)).diff({ kind: 'uncommitted' }, signal());
    assert.ok(fs.existsSync(marker));
  });

  it('adds its config after config the environment already passes', () => {
    assert.deepEqual(configEnv([['filter.x.clean', '']], { GIT_CONFIG_COUNT: '2' }), {
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_2: 'filter.x.clean',
      GIT_CONFIG_VALUE_2: '',
    });
    assert.deepEqual(configEnv([], {}), {});
  });
});

describe('runGit', () => {
  it('stops a git that hangs after the timeout, with an error saying so', async () => {
    const fakeGit = path.join(makeTempDir('fake-git'), 'git');
    fs.writeFileSync(fakeGit, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const started = Date.now();
    await rejectsWithReason(runGit(['diff'], { cwd: makeTempDir('cwd'), gitPath: fakeGit, timeoutMs: 300 }), 'git', /git diff did not finish within 300 ms and was stopped/);
    assert.ok(Date.now() - started < 5000);
  });
});
