import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { hunkRanges, parseChangeSet } from '../../../src/core/diff/changeSet';
import { newFilePatch } from '../../../src/core/diff/newFilePatch';
import { removeTempDirs } from '../helpers/paths';
import { createTempRepo } from '../helpers/tempRepo';

after(removeTempDirs);

/** Applies a patch with `git apply` in a fresh repository and returns the created file's bytes. */
function applyWithGit(patch: string, file: string): Buffer {
  const repo = createTempRepo();
  fs.writeFileSync(path.join(repo.dir, 'change.patch'), patch);
  repo.git('apply', 'change.patch');
  return fs.readFileSync(path.join(repo.dir, file));
}

describe('newFilePatch', () => {
  it('writes a git-style new-file diff for text with a final newline', () => {
    const patch = newFilePatch('src/new.ts', 'export const a = 1;\nexport const b = 2;\n');
    assert.equal(
      patch,
      'diff --git a/src/new.ts b/src/new.ts\nnew file mode 100644\n--- /dev/null\n+++ b/src/new.ts\n@@ -0,0 +1,2 @@\n+export const a = 1;\n+export const b = 2;\n',
    );
    assert.equal(applyWithGit(patch, 'src/new.ts').toString('utf8'), 'export const a = 1;\nexport const b = 2;\n');
  });

  it('marks a missing final newline, and git recreates the exact content', () => {
    const patch = newFilePatch('a.txt', 'one\ntwo');
    assert.ok(patch.endsWith('@@ -0,0 +1,2 @@\n+one\n+two\n\\ No newline at end of file\n'), patch);
    assert.equal(applyWithGit(patch, 'a.txt').toString('utf8'), 'one\ntwo');
    const [file] = parseChangeSet(patch);
    assert.deepEqual(file.addedLines, [1, 2]);
  });

  it('parses back as an added file whose every line is added', () => {
    const [file] = parseChangeSet(newFilePatch('lib/x.py', 'a\nb\nc\n'));
    assert.equal(file.path, 'lib/x.py');
    assert.equal(file.status, 'added');
    assert.deepEqual(file.addedLines, [1, 2, 3]);
    assert.deepEqual(hunkRanges(file), [[1, 3]]);
  });

  it('turns CRLF line ends into plain lines', () => {
    const patch = newFilePatch('w.txt', 'a\r\nb\r\n');
    assert.ok(patch.endsWith('@@ -0,0 +1,2 @@\n+a\n+b\n'), JSON.stringify(patch));
    assert.ok(!patch.includes('\r'));
  });

  it('decodes bytes as UTF-8', () => {
    const patch = newFilePatch('u.txt', Buffer.from('héllo\n', 'utf8'));
    assert.ok(patch.includes('+héllo\n'), patch);
  });

  it('reports bytes or text with NUL as a binary file', () => {
    for (const content of [Buffer.from([0x89, 0x50, 0x00, 0x01]), 'text\u0000more']) {
      const patch = newFilePatch('img.png', content);
      assert.equal(patch, 'diff --git a/img.png b/img.png\nnew file mode 100644\nBinary files /dev/null and b/img.png differ\n');
      const [file] = parseChangeSet(patch);
      assert.equal(file.status, 'binary');
      assert.equal(file.path, 'img.png');
    }
  });

  it('writes only the header for an empty file, which git also accepts', () => {
    const patch = newFilePatch('empty.txt', '');
    assert.equal(patch, 'diff --git a/empty.txt b/empty.txt\nnew file mode 100644\n');
    assert.equal(applyWithGit(patch, 'empty.txt').length, 0);
    const [file] = parseChangeSet(patch);
    assert.equal(file.status, 'added');
    assert.deepEqual(file.hunks, []);
  });
});
