import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileText } from '../../../src/core/edits/fileText';
import { applyReply, fileResult, srReply } from './editSupport';

describe('applying keeps the file as it was outside the change, byte for byte', () => {
  it('keeps CRLF line endings (new lines get CRLF too)', async () => {
    const text = 'a\r\nb\r\nc\r\n';
    const result = await applyReply(srReply('f.txt', 'b\n', 'B1\nB2\n'), { 'f.txt': text });
    const f = fileResult(result, 'f.txt');
    assert.equal(f.after, 'a\r\nB1\r\nB2\r\nc\r\n');
    assert.equal(f.eol, 'crlf');
  });

  it('keeps mixed line endings on untouched lines and uses the majority for new ones', async () => {
    const text = 'a\r\nb\nc\r\nd\r\n';
    const result = await applyReply(srReply('f.txt', 'c\n', 'C\nC2\n'), { 'f.txt': text });
    const f = fileResult(result, 'f.txt');
    assert.equal(f.after, 'a\r\nb\nC\r\nC2\r\nd\r\n');
    assert.equal(f.eol, 'mixed');
  });

  it('keeps a line ending on a line the block keeps, even when it differs from the majority', async () => {
    const text = 'a\r\nb\nc\r\n';
    const result = await applyReply(srReply('f.txt', 'a\nb\nc\n', 'a\nb\nX\nc\n'), { 'f.txt': text });
    assert.equal(fileResult(result, 'f.txt').after, 'a\r\nb\nX\r\nc\r\n');
  });

  it('keeps a UTF-8 BOM, and a first line still matches', async () => {
    const text = '\uFEFFfirst\nsecond\n';
    const result = await applyReply(srReply('f.txt', 'first\n', 'FIRST\n'), { 'f.txt': text });
    const f = fileResult(result, 'f.txt');
    assert.equal(f.after, '\uFEFFFIRST\nsecond\n');
    assert.equal(f.bom, true);
  });

  it('keeps a missing final newline when the last line changes, is deleted, or lines are appended', async () => {
    const text = 'a\nb\nlast';
    const changed = await applyReply(srReply('f.txt', 'last\n', 'LAST\n'), { 'f.txt': text });
    assert.equal(fileResult(changed, 'f.txt').after, 'a\nb\nLAST');
    assert.equal(fileResult(changed, 'f.txt').finalNewline, false);
    const deleted = await applyReply(srReply('f.txt', 'b\nlast\n', 'b\n'), { 'f.txt': text });
    assert.equal(fileResult(deleted, 'f.txt').after, 'a\nb');
    const appended = await applyReply('--- a/f.txt\n+++ b/f.txt\n@@ -2,2 +2,3 @@\n b\n last\n+more\n', { 'f.txt': text });
    assert.equal(fileResult(appended, 'f.txt').after, 'a\nb\nlast\nmore');
  });

  it('keeps a final newline when the last line is replaced', async () => {
    const result = await applyReply(srReply('f.txt', 'b\n', 'B\n'), { 'f.txt': 'a\nb\n' });
    assert.equal(fileResult(result, 'f.txt').after, 'a\nB\n');
  });

  it('keeps tabs, trailing whitespace and kept lines exactly when the block matched loosely', async () => {
    const text = 'func f() {\n\tx := 1   \n\ty := 2\n}\n';
    // The model quotes with spaces and without the trailing blanks; only line 3 changes.
    const result = await applyReply(srReply('f.go', '    x := 1\n    y := 2\n', '    x := 1\n    y := 3\n'), { 'f.go': text });
    const f = fileResult(result, 'f.go');
    assert.equal(f.after, 'func f() {\n\tx := 1   \n\ty := 3\n}\n');
    assert.equal(f.indentation, 'tabs');
  });

  it('applies a diff with LF lines to a CRLF file', async () => {
    const result = await applyReply('--- a/w.txt\n+++ b/w.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n', { 'w.txt': 'one\r\ntwo\r\nthree\r\n' });
    assert.equal(fileResult(result, 'w.txt').after, 'one\r\nTWO\r\nthree\r\n');
  });
});

describe('FileText', () => {
  it('round-trips any text exactly', () => {
    for (const text of ['', '\n', 'a', 'a\n', 'a\r\nb', '\uFEFF\r\n\r\nx\n', 'a\rb\n', 'x\n\n\n']) {
      assert.equal(FileText.parse(text).toString(), text, JSON.stringify(text));
    }
  });

  it('reads line endings and the final newline', () => {
    assert.equal(FileText.parse('a\r\nb\r\n').lineEnding, 'crlf');
    assert.equal(FileText.parse('a\nb').lineEnding, 'lf');
    assert.equal(FileText.parse('a').lineEnding, 'none');
    assert.equal(FileText.parse('a\nb').finalNewline, false);
  });
});
