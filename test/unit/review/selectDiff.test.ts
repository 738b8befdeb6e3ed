import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChangeSet, type ChangedFile } from '../../../src/core/diff/changeSet';
import { newFilePatch } from '../../../src/core/diff/newFilePatch';
import { selectDiff } from '../../../src/core/skills/review/selectDiff';

/** An added text file of `lines` lines, each `width` characters. */
function added(path: string, lines: number, width = 20): ChangedFile {
  const text = Array.from({ length: lines }, (_, i) => `${i}`.padEnd(width, 'x')).join('\n') + '\n';
  const [file] = parseChangeSet(newFilePatch(path, text));
  return file;
}

/** A modified file with `hunks` separate hunks of ten 50-character added lines each. */
function manyHunks(path: string, hunks: number): ChangedFile {
  const parts = [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`];
  for (let h = 0; h < hunks; h++) {
    const start = 1 + h * 100;
    parts.push(`@@ -${start},0 +${start + h * 10},10 @@`);
    for (let i = 0; i < 10; i++) parts.push('+' + `hunk ${h} line ${i}`.padEnd(49, '.'));
  }
  const [file] = parseChangeSet(parts.join('\n') + '\n');
  assert.equal(file.hunks.length, hunks);
  return file;
}

const binary = () => parseChangeSet(newFilePatch('logo.png', Buffer.from([0, 1])))[0];
const renameOnly = () =>
  parseChangeSet('diff --git a/old.ts b/new.ts\nsimilarity index 100%\nrename from old.ts\nrename to new.ts\n')[0];

describe('selectDiff', () => {
  it('keeps every file, in order, when all fit', () => {
    const files = [added('b.ts', 5), added('a.ts', 5), added('c.ts', 5)];
    const selection = selectDiff(files, 10_000);
    assert.deepEqual(selection.files.map((f) => f.path), ['b.ts', 'a.ts', 'c.ts']);
    assert.deepEqual(selection.omitted, []);
    assert.equal(selection.files[0], files[0], 'whole files are passed on unchanged');
  });

  it('leaves out binary files, lockfiles, minified bundles and source maps, saying why', () => {
    const names = ['package-lock.json', 'web/yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'go.sum', 'poetry.lock', 'Gemfile.lock', 'dist/app.min.js', 'site.min.css', 'app.js.map'];
    const selection = selectDiff([binary(), ...names.map((n) => added(n, 2)), added('src/lock.ts', 2), added('package-lock.json.md', 2)], 100_000);
    assert.deepEqual(selection.files.map((f) => f.path), ['src/lock.ts', 'package-lock.json.md']);
    assert.deepEqual(selection.omitted, ['logo.png (binary)', ...names.map((n) => `${n} (generated)`)]);
  });

  it('counts whole file patches against the budget, the limit itself included', () => {
    const a = added('a.ts', 10);
    const b = added('b.ts', 10);
    assert.deepEqual(selectDiff([a, b], a.patch.length + b.patch.length).files.map((f) => f.path), ['a.ts', 'b.ts']);
    const tight = selectDiff([a, b], a.patch.length + b.patch.length - 1);
    assert.deepEqual(tight.files.map((f) => f.path), ['a.ts']);
    assert.deepEqual(tight.omitted, ['b.ts (too large)']);
  });

  it('skips a file that does not fit and still takes smaller files after it', () => {
    const small1 = added('small1.ts', 3);
    const big = added('big.ts', 500);
    const small2 = added('small2.ts', 3);
    const selection = selectDiff([small1, big, small2], small1.patch.length + small2.patch.length + 10);
    assert.deepEqual(selection.files.map((f) => f.path), ['small1.ts', 'small2.ts']);
    assert.deepEqual(selection.omitted, ['big.ts (too large)']);
  });

  it('always keeps a pure rename, whose patch has no hunks', () => {
    const selection = selectDiff([renameOnly()], 1);
    assert.deepEqual(selection.files.map((f) => [f.path, f.oldPath]), [['new.ts', 'old.ts']]);
    assert.deepEqual(selection.omitted, []);
  });

  it('shows the leading hunks of the first file when no file fits whole', () => {
    const big = manyHunks('src/big.ts', 3);
    const other = manyHunks('src/other.ts', 3);
    assert.ok(big.patch.length > 1200);
    const selection = selectDiff([renameOnly(), big, other], 1200);
    assert.deepEqual(selection.files.map((f) => f.path), ['new.ts', 'src/big.ts']);
    const partial = selection.files[1];
    assert.equal(partial.hunks.length, 2);
    assert.deepEqual(partial.hunks, big.hunks.slice(0, 2));
    assert.deepEqual(selection.omitted, ['src/big.ts (only its first 2 of 3 hunks are shown)', 'src/other.ts (too large)']);
    assert.equal(big.hunks.length, 3, 'the input file is not modified');
  });

  it('shows nothing of a too-large file when a whole file already fits', () => {
    const small = added('small.ts', 2);
    const big = manyHunks('big.ts', 3);
    const selection = selectDiff([big, small], 1200);
    assert.deepEqual(selection.files.map((f) => f.path), ['small.ts']);
    assert.deepEqual(selection.omitted, ['big.ts (too large)']);
  });

  it('selects nothing when not even the first hunk fits', () => {
    const selection = selectDiff([manyHunks('big.ts', 2)], 100);
    assert.deepEqual(selection.files, []);
    assert.deepEqual(selection.omitted, ['big.ts (too large)']);
  });
});
