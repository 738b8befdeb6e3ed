import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { hunkRanges, parseChangeSet, type ChangedFile } from '../../../src/core/diff/changeSet';
import { removeTempDirs } from '../helpers/paths';
import { createTempRepo } from '../helpers/tempRepo';

after(removeTempDirs);

const numbered = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${from + i}`);

function byPath(files: ChangedFile[], path: string): ChangedFile {
  const file = files.find((f) => f.path === path);
  assert.ok(file, `${path} is among ${files.map((f) => f.path).join(', ')}`);
  return file;
}

describe('parseChangeSet on real git diffs', () => {
  it('reads a modified file with two hunks: statuses, hunks, added lines and ranges', () => {
    const repo = createTempRepo({ 'f.txt': numbered(30).join('\n') + '\n' });
    const lines = numbered(30);
    lines[2] = 'LINE 3';
    lines.splice(25, 0, 'inserted after 25');
    lines[24] = 'LINE 25';
    repo.write('f.txt', lines.join('\n') + '\n');
    const diff = repo.git('diff', '--no-color', 'HEAD');
    const files = parseChangeSet(diff);
    assert.equal(files.length, 1);
    const [file] = files;
    assert.equal(file.path, 'f.txt');
    assert.equal(file.oldPath, undefined);
    assert.equal(file.status, 'modified');
    assert.deepEqual(
      file.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]),
      [
        [1, 6, 1, 6],
        [22, 7, 22, 8],
      ],
    );
    assert.deepEqual(file.hunks[0].lines, [' line 1', ' line 2', '-line 3', '+LINE 3', ' line 4', ' line 5', ' line 6']);
    assert.deepEqual(file.addedLines, [3, 25, 26]);
    assert.deepEqual(hunkRanges(file), [
      [1, 6],
      [22, 29],
    ]);
    assert.equal(file.patch, diff, 'a single file keeps the exact diff text');
  });

  it('splits several files so that each keeps its own exact text', () => {
    const repo = createTempRepo({ 'a.txt': 'a\n', 'b/c.txt': 'c\n', 'd.txt': 'd\n' });
    repo.write('a.txt', 'a\nA\n');
    repo.write('b/c.txt', 'C\n');
    repo.write('d.txt', 'd\nD\n');
    const diff = repo.git('diff', '--no-color', 'HEAD');
    const files = parseChangeSet(diff);
    assert.deepEqual(files.map((f) => f.path), ['a.txt', 'b/c.txt', 'd.txt']);
    assert.equal(files.map((f) => f.patch).join(''), diff);
    for (const f of files) assert.ok(f.patch.startsWith(`diff --git a/${f.path} b/${f.path}\n`), f.patch);
    assert.deepEqual(byPath(files, 'b/c.txt').addedLines, [1]);
  });

  it('tells added, deleted, renamed, binary and mode-only changes apart', () => {
    const repo = createTempRepo({
      'gone.txt': 'bye\nbye\n',
      'old-name.txt': numbered(12).join('\n') + '\n',
      'moved-and-edited.txt': numbered(20).join('\n') + '\n',
      'image.bin': Buffer.from([0, 1, 2, 3]),
      'script.sh': 'echo hi\n',
    });
    repo.git('rm', '-q', 'gone.txt');
    repo.git('mv', 'old-name.txt', 'new-name.txt');
    fs.mkdirSync(path.join(repo.dir, 'sub'));
    repo.git('mv', 'moved-and-edited.txt', 'sub/moved.txt');
    const moved = numbered(20);
    moved[9] = 'changed 10';
    repo.write('sub/moved.txt', moved.join('\n') + '\n');
    repo.write('image.bin', Buffer.from([0, 9, 9, 9]));
    repo.write('fresh.txt', 'x\ny\n');
    fs.chmodSync(path.join(repo.dir, 'script.sh'), 0o755);
    repo.git('add', '-A');
    const files = parseChangeSet(repo.git('diff', '--no-color', '-M', '--cached', 'HEAD'));
    const summary = Object.fromEntries(files.map((f) => [f.path, [f.status, f.oldPath ?? null, f.hunks.length]]));
    assert.deepEqual(summary, {
      'fresh.txt': ['added', null, 1],
      'gone.txt': ['deleted', null, 1],
      'image.bin': ['binary', null, 0],
      'new-name.txt': ['renamed', 'old-name.txt', 0],
      'script.sh': ['modified', null, 0],
      'sub/moved.txt': ['renamed', 'moved-and-edited.txt', 1],
    });
    assert.deepEqual(byPath(files, 'fresh.txt').addedLines, [1, 2]);
    assert.deepEqual(byPath(files, 'gone.txt').addedLines, []);
    assert.deepEqual(hunkRanges(byPath(files, 'gone.txt')), [[1, 1]], 'a deleted file anchors at line 1');
    assert.deepEqual(byPath(files, 'sub/moved.txt').addedLines, [10]);
  });

  it('keeps paths with spaces and non-ASCII letters', () => {
    const repo = createTempRepo({ 'my file.txt': 'a\n', 'dossier/été.txt': 'b\n' });
    repo.write('my file.txt', 'a\nb\n');
    repo.write('dossier/été.txt', 'B\n');
    const files = parseChangeSet(repo.git('-c', 'core.quotepath=off', 'diff', '--no-color', 'HEAD'));
    assert.deepEqual(files.map((f) => f.path).sort(), ['dossier/été.txt', 'my file.txt']);
    assert.deepEqual(byPath(files, 'my file.txt').addedLines, [2]);
  });

  it('does not count the "No newline at end of file" marker as a line', () => {
    const repo = createTempRepo({ 'n.txt': 'one\ntwo' });
    repo.write('n.txt', 'one\ntwo\nthree');
    const [file] = parseChangeSet(repo.git('diff', '--no-color', 'HEAD'));
    assert.deepEqual(file.addedLines, [2, 3]);
    assert.deepEqual(hunkRanges(file), [[1, 3]]);
  });
});

describe('parseChangeSet on hand-written diffs', () => {
  const plain = [
    '--- a/src/app.ts\t2026-01-01 00:00:00.000000000 +0000',
    '+++ b/src/app.ts\t2026-01-02 00:00:00.000000000 +0000',
    '@@ -10,3 +10,4 @@',
    ' keep',
    '-old',
    '+new',
    '+more',
    ' keep',
    '',
  ].join('\n');

  it('reads a plain unified diff without git headers, dropping timestamps and a/ b/ prefixes', () => {
    const [file] = parseChangeSet(plain);
    assert.equal(file.path, 'src/app.ts');
    assert.equal(file.status, 'modified');
    assert.deepEqual(file.addedLines, [11, 12]);
    assert.deepEqual(hunkRanges(file), [[10, 13]]);
    assert.match(file.patch, /@@ -10,3 \+10,4 @@\n keep\n-old\n\+new\n\+more\n keep\n$/);
  });

  it('reads CRLF diff text exactly like LF text', () => {
    const lf = parseChangeSet(plain);
    const crlf = parseChangeSet(plain.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf, lf);
  });

  it('returns nothing for empty or blank input', () => {
    assert.deepEqual(parseChangeSet(''), []);
    assert.deepEqual(parseChangeSet('  \n\n'), []);
  });

  it('anchors a pure deletion inside a file at the line where the removed text stood', () => {
    // Old lines 5-6 removed; "+4,0" means "after new line 4", so new line 5 now stands there.
    const [file] = parseChangeSet(['--- a/x.c', '+++ b/x.c', '@@ -5,2 +4,0 @@', '-gone 1', '-gone 2', ''].join('\n'));
    assert.deepEqual(file.addedLines, []);
    assert.deepEqual(hunkRanges(file), [[5, 5]]);
  });
});
