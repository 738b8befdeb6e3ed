import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedFiles } from '../../../src/core/edits/editPlan';
import { applyEdits, applyReply, block, fileResult, srReply } from './editSupport';

const py = ['class A:', '    def f(self, x):', '        if x:', '            return 1', '        return 2', '', '    def g(self):', '        return 3', ''].join('\n');

describe('applyPlan: matching a block', () => {
  it('applies an exact, unique block and reports where its new text is', async () => {
    const result = await applyReply(srReply('a.py', '        if x:\n            return 1\n', '        if x:\n            return 10\n            # ten\n'), { 'a.py': py });
    assert.equal(result.ok, true);
    const b = block(result, 'a.py', 0);
    assert.equal(b.status, 'applied');
    assert.deepEqual(b.range, { start: 3, end: 5 });
    assert.equal(fileResult(result, 'a.py').after, py.replace('            return 1\n', '            return 10\n            # ten\n'));
  });

  it('matches a block with trailing whitespace and a dedent, then re-indents the new lines to the file', async () => {
    const result = await applyReply(srReply('a.py', 'if x:   \n    return 1\n', 'if x:\n    return 11\nelse:\n    return 12\n'), { 'a.py': py });
    const b = block(result, 'a.py', 0);
    assert.equal(b.status, 'appliedFuzzy');
    assert.match(b.reason ?? '', /ignoring whitespace.*\+8 columns/);
    assert.equal(fileResult(result, 'a.py').after, py.replace('        if x:\n            return 1\n', '        if x:\n            return 11\n        else:\n            return 12\n'));
  });

  it('matches a block written with tabs in a file indented with spaces, writing spaces', async () => {
    const result = await applyReply(srReply('a.py', '\tdef g(self):\n\t\treturn 3\n', '\tdef g(self):\n\t\treturn 4\n'), { 'a.py': py });
    assert.equal(block(result, 'a.py', 0).status, 'appliedFuzzy');
    assert.equal(fileResult(result, 'a.py').after, py.replace('        return 3', '        return 4'));
  });

  it('writes tabs in a tab-indented file when the model used spaces', async () => {
    const go = 'package m\n\nfunc f(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n\treturn 0\n}\n';
    const result = await applyReply(srReply('m.go', '    if x > 0 {\n        return 1\n    }\n', '    if x > 0 {\n        return 1\n    } else if x < 0 {\n        return -1\n    }\n'), { 'm.go': go });
    assert.equal(result.ok, true);
    assert.equal(fileResult(result, 'm.go').after, go.replace('\t\treturn 1\n\t}\n', '\t\treturn 1\n\t} else if x < 0 {\n\t\treturn -1\n\t}\n'));
  });

  it('fails a block found in two identical places, listing both, and writes nothing for it', async () => {
    const text = 'def a():\n    x = 1\n    return x\n\ndef b():\n    x = 1\n    return x\n';
    const result = await applyReply(srReply('d.py', '    x = 1\n    return x\n', '    x = 2\n    return x\n'), { 'd.py': text });
    assert.equal(result.ok, false);
    const b = block(result, 'd.py', 0);
    assert.equal(b.status, 'failed');
    assert.equal(b.failure, 'ambiguous');
    assert.match(b.reason ?? '', /occurs 2 times \(lines 2, 6\)/);
    assert.deepEqual(b.nearest?.map((c) => c.why[0]), ['matches lines 2-3 (shown with up to 2 lines around them)', 'matches lines 6-7 (shown with up to 2 lines around them)']);
    assert.equal(fileResult(result, 'd.py').after, text);
    assert.deepEqual(changedFiles(result), []);
  });

  it('is ambiguous too when two places match only ignoring whitespace', async () => {
    const text = 'if a:\n    go()\nif b:\n  go()\n';
    const result = await applyReply(srReply('w.py', ' go()\n', ' stop()\n'), { 'w.py': text });
    assert.equal(block(result, 'w.py', 0).failure, 'ambiguous');
  });

  it('explains a block that matches nowhere with the nearest lines and why they differ', async () => {
    const result = await applyReply(srReply('a.py', '    def g(self):\n        return 30\n', '    def g(self):\n        return 4\n'), { 'a.py': py });
    const b = block(result, 'a.py', 0);
    assert.equal(b.failure, 'notFound');
    const best = b.nearest?.[0];
    assert.ok(best);
    assert.equal(best.startLine, 7);
    assert.deepEqual(best.lines, ['    def g(self):', '        return 3']);
    assert.deepEqual(best.why, ['line 8: file has "return 3", block has "return 30"']);
  });

  it('names an indentation that is not a constant shift instead of guessing', async () => {
    const result = await applyReply(srReply('a.py', 'if x:\nreturn 1\n', 'if x:\nreturn 5\n'), { 'a.py': py });
    const b = block(result, 'a.py', 0);
    assert.equal(b.failure, 'notFound');
    assert.match(b.reason ?? '', /relative indentation/);
  });

  it('applies the other blocks when one fails, and says which applied', async () => {
    const reply = srReply('a.py', '            return 1\n', '            return 100\n') + srReply('a.py', '    return 99\n', '    return 0\n') + srReply('a.py', '        return 3\n', '        return 300\n');
    const result = await applyReply(reply, { 'a.py': py });
    assert.equal(result.ok, false);
    assert.deepEqual(result.blocks.map((b) => b.status), ['applied', 'failed', 'applied']);
    const f = fileResult(result, 'a.py');
    assert.equal(f.applied, 2);
    assert.equal(f.failed, 1);
    assert.equal(f.after, py.replace('return 1\n', 'return 100\n').replace('return 3\n', 'return 300\n'));
    assert.deepEqual(changedFiles(result).map((x) => x.path), ['a.py']);
  });

  it('applies blocks in order, each to the text the previous one left', async () => {
    const reply = srReply('s.txt', 'one\n', 'two\n') + srReply('s.txt', 'two\n', 'three\n');
    const result = await applyReply(reply, { 's.txt': 'one\n' });
    assert.equal(fileResult(result, 's.txt').after, 'three\n');
  });

  it('keeps the ranges of earlier blocks up to date when later blocks change line counts above them', async () => {
    const reply = srReply('r.txt', 'c\n', 'c1\nc2\n') + srReply('r.txt', 'a\n', 'a1\na2\na3\n');
    const result = await applyReply(reply, { 'r.txt': 'a\nb\nc\n' });
    assert.deepEqual(block(result, 'r.txt', 0).range, { start: 5, end: 6 });
    assert.deepEqual(block(result, 'r.txt', 1).range, { start: 1, end: 3 });
  });
});

describe('applyPlan: diff hunks', () => {
  const numbered = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
  const text = numbered.join('\n') + '\n';

  it('uses the line number only to choose between identical places near it', async () => {
    const dup = 'x\ny\nz\n' + text + 'x\ny\nz\n';
    const reply = '--- a/n.txt\n+++ b/n.txt\n@@ -44,3 +44,3 @@\n x\n-y\n+Y\n z\n';
    const result = await applyReply(reply, { 'n.txt': dup });
    assert.equal(result.ok, true, JSON.stringify(result.blocks));
    assert.match(block(result, 'n.txt', 0).reason ?? '', /line number chose/);
    assert.equal(fileResult(result, 'n.txt').after, 'x\ny\nz\n' + text + 'x\nY\nz\n');
    const far = await applyReply(reply.replace('-44,3 +44,3', '-20,3 +20,3'), { 'n.txt': dup });
    assert.equal(block(far, 'n.txt', 0).failure, 'ambiguous');
  });

  it('applies a hunk whose header line numbers are wrong when its text is unique', async () => {
    const result = await applyReply('--- a/n.txt\n+++ b/n.txt\n@@ -3,3 +3,3 @@\n line 30\n-line 31\n+LINE 31\n line 32\n', { 'n.txt': text });
    assert.equal(result.ok, true);
    assert.equal(fileResult(result, 'n.txt').after, text.replace('line 31\n', 'LINE 31\n'));
  });

  it('tolerates a context line missing from the hunk (context fuzz) and keeps the file line', async () => {
    const reply = '--- a/n.txt\n+++ b/n.txt\n@@ -10,7 +10,7 @@\n line 10\n line 11\n line 13\n-line 14\n+LINE 14\n line 15\n line 16\n';
    const result = await applyReply(reply, { 'n.txt': text });
    const b = block(result, 'n.txt', 0);
    assert.equal(b.status, 'appliedFuzzy');
    assert.match(b.reason ?? '', /1 context line/);
    assert.equal(fileResult(result, 'n.txt').after, text.replace('line 14\n', 'LINE 14\n'));
  });

  it('refuses a fuzzy fit when the missing context line sat next to the added lines', async () => {
    const file = 'a\nb\n\n\nc\nd\ne\n';
    // The model dropped one of the two blank lines right where its insertion goes.
    const reply = '--- a/f.txt\n+++ b/f.txt\n@@ -1,6 +1,7 @@\n a\n b\n+NEW\n \n c\n d\n';
    const result = await applyReply(reply, { 'f.txt': file });
    assert.equal(block(result, 'f.txt', 0).status, 'failed');
    assert.equal(fileResult(result, 'f.txt').after, file);
  });

  it('refuses a hunk without trailing context whose old lines are not at the end of the file', async () => {
    const result = await applyReply('--- a/n.txt\n+++ b/n.txt\n@@ -5,2 +5,3 @@\n line 5\n line 6\n+added\n', { 'n.txt': text });
    const b = block(result, 'n.txt', 0);
    assert.equal(b.failure, 'notFound');
    assert.match(b.reason ?? '', /end of the file/);
    const atEnd = await applyReply('--- a/n.txt\n+++ b/n.txt\n@@ -39,2 +39,3 @@\n line 39\n line 40\n+added\n', { 'n.txt': text });
    assert.equal(fileResult(atEnd, 'n.txt').after, text + 'added\n');
  });

  it('shifts later hunks by what earlier hunks added', async () => {
    const dup = text + text;
    const reply = '--- a/n.txt\n+++ b/n.txt\n@@ -2,2 +2,4 @@\n line 2\n+A\n+B\n line 3\n@@ -41,3 +43,3 @@\n line 1\n-line 2\n+TWO\n line 3\n';
    const result = await applyReply(reply, { 'n.txt': dup });
    assert.equal(result.ok, true, JSON.stringify(result.blocks));
    assert.equal(fileResult(result, 'n.txt').after, text.replace('line 2\n', 'line 2\nA\nB\n') + text.replace('line 2\n', 'TWO\n'));
  });
});

describe('applyPlan: str_replace tool calls', () => {
  it('replaces an exact unique substring inside a line', async () => {
    const result = await applyEdits({ edits: [{ kind: 'replace', path: 'a.py', blocks: [{ search: 'return 2', replace: 'return -2', match: 'substring' }] }] }, { 'a.py': py });
    assert.equal(result.ok, true);
    assert.equal(fileResult(result, 'a.py').after, py.replace('return 2', 'return -2'));
  });

  it('fails a substring that occurs more than once, even inside longer lines', async () => {
    const result = await applyEdits({ edits: [{ kind: 'replace', path: 'a.py', blocks: [{ search: 'return', replace: 'yield', match: 'substring' }] }] }, { 'a.py': py });
    const b = block(result, 'a.py', 0);
    assert.equal(b.failure, 'ambiguous');
    assert.match(b.reason ?? '', /occurs 3 times \(lines 4, 5, 8\)/);
  });

  it('falls back to whitespace-insensitive lines when the string is not found exactly', async () => {
    const result = await applyEdits({ edits: [{ kind: 'replace', path: 'a.py', blocks: [{ search: 'def g(self):\n    return 3', replace: 'def g(self):\n    return 33', match: 'substring' }] }] }, { 'a.py': py });
    assert.equal(block(result, 'a.py', 0).status, 'appliedFuzzy');
    assert.equal(fileResult(result, 'a.py').after, py.replace('return 3\n', 'return 33\n'));
  });
});

describe('applyPlan: new files and whole-file content', () => {
  it('creates a new file, adding a final newline', async () => {
    const result = await applyEdits({ edits: [{ kind: 'create', path: 'pkg/new.py', content: 'x = 1' }] }, {});
    const f = fileResult(result, 'pkg/new.py');
    assert.equal(f.change, 'create');
    assert.equal(f.before, undefined);
    assert.equal(f.after, 'x = 1\n');
    assert.equal(result.ok, true);
  });

  it('never rewrites an existing file whole', async () => {
    const result = await applyEdits({ edits: [{ kind: 'create', path: 'a.py', content: 'print(1)\n' }] }, { 'a.py': py });
    assert.equal(block(result, 'a.py', 0).failure, 'fileExists');
    assert.equal(fileResult(result, 'a.py').after, py);
    assert.deepEqual(changedFiles(result), []);
  });

  it('creates a file from a block with an empty SEARCH, but refuses an empty SEARCH on an existing file', async () => {
    const created = await applyReply(srReply('n.py', '', 'print(1)\n'), {});
    assert.equal(fileResult(created, 'n.py').after, 'print(1)\n');
    const refused = await applyReply(srReply('a.py', '', 'print(1)\n'), { 'a.py': py });
    assert.equal(block(refused, 'a.py', 0).failure, 'emptySearch');
  });

  it('fails blocks for a missing file and for a binary file', async () => {
    const missing = await applyReply(srReply('nope.py', 'x\n', 'y\n'), {});
    assert.equal(block(missing, 'nope.py', 0).failure, 'fileMissing');
    const binary = await applyReply(srReply('b.bin', 'x\n', 'y\n'), { 'b.bin': 'x\n\u0000\u0001' });
    assert.equal(block(binary, 'b.bin', 0).failure, 'binaryFile');
  });

  it('passes parse problems through and is then not ok', async () => {
    const result = await applyReply(srReply('a.py', '            return 1\n', '            return 7\n') + 'b.py\n<<<<<<< SEARCH\nx\n', { 'a.py': py });
    assert.equal(result.ok, false);
    assert.equal(result.problems[0].kind, 'truncated');
    assert.equal(block(result, 'a.py', 0).status, 'applied');
  });
});

describe('applyPlan: bounded work on pathological input', () => {
  it('gives up loudly, and quickly, on a fuzzy hunk in a file of thousands of identical lines', async () => {
    const file = Array.from({ length: 20000 }, (_, i) => (i % 2 ? '' : 'x = 1')).join('\n') + '\n';
    const hunk = ['--- a/r.py', '+++ b/r.py', '@@ -1,9 +1,9 @@', ' x = 1', ' ', ' x = 1', ' ', ' y = 2', '-x = 1', '+x = 3', ' ', ' x = 1', ' ', ' x = 1'].join('\n') + '\n';
    const started = Date.now();
    const result = await applyReply(hunk, { 'r.py': file });
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    assert.equal(block(result, 'r.py', 0).status, 'failed');
    assert.equal(fileResult(result, 'r.py').after, file);
  });
});
