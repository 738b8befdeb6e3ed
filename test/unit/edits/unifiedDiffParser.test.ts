import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEdit } from '../../../src/core/edits/editPlan';
import { parseUnifiedDiff } from '../../../src/core/edits/unifiedDiffParser';

type DiffEdit = Extract<FileEdit, { kind: 'diff' }>;

function diffEdits(edits: FileEdit[]): DiffEdit[] {
  for (const e of edits) assert.equal(e.kind, 'diff', JSON.stringify(e));
  return edits as DiffEdit[];
}

const gitDiff = [
  'diff --git a/src/a.py b/src/a.py',
  'index 83db48f..bf269f4 100644',
  '--- a/src/a.py',
  '+++ b/src/a.py',
  '@@ -1,3 +1,3 @@ def f():',
  ' def f():',
  '-    return 1',
  '+    return 2',
  ' ',
  '@@ -10,2 +10,3 @@',
  ' x = 1',
  '+y = 2',
  ' z = 3',
  'diff --git a/README.md b/README.md',
  '--- a/README.md',
  '+++ b/README.md',
  '@@ -1 +1 @@',
  '-Old',
  '+New',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  it('reads a git diff of several files: a/ b/ prefixes stripped, hunks and their line numbers kept', () => {
    const { edits, problems } = parseUnifiedDiff(gitDiff);
    assert.deepEqual(problems, []);
    const d = diffEdits(edits);
    assert.deepEqual(d.map((e) => e.path), ['src/a.py', 'README.md']);
    assert.deepEqual(d[0].hunks, [
      { oldStart: 1, lines: [' def f():', '-    return 1', '+    return 2', ' '] },
      { oldStart: 10, lines: [' x = 1', '+y = 2', ' z = 3'] },
    ]);
    assert.deepEqual(d[1].hunks, [{ oldStart: 1, lines: ['-Old', '+New'] }]);
  });

  it('reads a plain diff without prefixes, inside a fenced block with prose around it', () => {
    const reply = ['Apply this:', '', '```diff', '--- lib/util.js', '+++ lib/util.js', '@@ -4,3 +4,3 @@', ' a', '-b', '+B', ' c', '```', '', 'That fixes it.'].join('\n');
    const { edits, problems } = parseUnifiedDiff(reply);
    assert.deepEqual(problems, []);
    assert.deepEqual(edits, [{ kind: 'diff', path: 'lib/util.js', hunks: [{ oldStart: 4, lines: [' a', '-b', '+B', ' c'] }] }]);
  });

  it('does not strip a folder that happens to be called a/ when the other side is not b/', () => {
    const { edits } = parseUnifiedDiff('--- a/x.txt\n+++ a/x.txt\n@@ -1 +1 @@\n-p\n+q\n');
    assert.equal(edits[0].path, 'a/x.txt');
  });

  it('tolerates wrong counts in hunk headers, blank context lines without their space, and CRLF', () => {
    const reply = '--- a/m.py\r\n+++ b/m.py\r\n@@ -7,9 +7,2 @@\r\n def g():\r\n\r\n-    pass\r\n+    return 0\r\n x\r\n';
    const { edits, problems } = parseUnifiedDiff(reply);
    assert.deepEqual(problems, []);
    assert.deepEqual(diffEdits(edits)[0].hunks, [{ oldStart: 7, lines: [' def g():', ' ', '-    pass', '+    return 0', ' x'] }]);
  });

  it('reads hunks whose header has no line numbers (the line hint is then absent)', () => {
    const { edits, problems } = parseUnifiedDiff('--- a/k.go\n+++ b/k.go\n@@ @@\n func a() {\n-\treturn 1\n+\treturn 2\n }\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(diffEdits(edits)[0].hunks, [{ lines: [' func a() {', '-\treturn 1', '+\treturn 2', ' }'] }]);
  });

  it('takes the path from a line before the fence when the diff has no file headers', () => {
    const { edits, problems } = parseUnifiedDiff('src/x.rs\n```diff\n@@ -2,2 +2,2 @@\n fn a() {\n-  1\n+  2\n```\n');
    assert.deepEqual(problems, []);
    assert.equal(edits[0].path, 'src/x.rs');
  });

  it('reports headerless hunks with no path at all', () => {
    const { edits, problems } = parseUnifiedDiff('Change:\n@@ -2,2 +2,2 @@\n a\n-b\n+c\n');
    assert.deepEqual(edits, []);
    assert.equal(problems[0].kind, 'missingPath');
  });

  it('turns a diff from /dev/null into a new file with the added lines as content', () => {
    const { edits, problems } = parseUnifiedDiff('diff --git a/new.txt b/new.txt\nnew file mode 100644\n--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(edits, [{ kind: 'create', path: 'new.txt', content: 'hello\nworld\n' }]);
  });

  it('reports deletions, renames and binary changes as unsupported instead of guessing', () => {
    const del = parseUnifiedDiff('--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n');
    assert.deepEqual(del.edits, []);
    assert.match(del.problems[0].message, /deletes gone.txt/);
    const ren = parseUnifiedDiff('diff --git a/old.py b/new.py\nsimilarity index 90%\nrename from old.py\nrename to new.py\n--- a/old.py\n+++ b/new.py\n@@ -1 +1 @@\n-a\n+b\n');
    assert.deepEqual(ren.edits, []);
    assert.match(ren.problems[0].message, /renames old.py to new.py/);
  });

  it('reports a hunk cut off by the end of the reply (unclosed fence) and keeps the earlier hunks', () => {
    const reply = ['```diff', '--- a/f.py', '+++ b/f.py', '@@ -1,2 +1,2 @@', ' a', '-b', '+c', '@@ -20,4 +20,5 @@', ' x', '-y', '+z'].join('\n');
    const { edits, problems } = parseUnifiedDiff(reply);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].kind, 'truncated');
    assert.equal(problems[0].line, 8);
    assert.deepEqual(diffEdits(edits)[0].hunks.map((h) => h.oldStart), [1]);
  });

  it('reports a raw diff cut off mid-line short of its header counts, but not a complete one with wrong counts', () => {
    const cut = parseUnifiedDiff('--- a/f.py\n+++ b/f.py\n@@ -1,5 +1,5 @@\n a\n-b\n+c');
    assert.equal(cut.problems[0]?.kind, 'truncated');
    const whole = parseUnifiedDiff('--- a/f.py\n+++ b/f.py\n@@ -1,5 +1,5 @@\n a\n-b\n+c\n');
    assert.deepEqual(whole.problems, []);
  });

  it('reports a line inside a fenced hunk that is not a diff line (a context line that lost its space)', () => {
    const reply = ['```diff', '--- a/f.py', '+++ b/f.py', '@@ -1,4 +1,4 @@', ' def f():', 'x = 1', '-    return x', '+    return x + 1', '```'].join('\n');
    const { edits, problems } = parseUnifiedDiff(reply);
    assert.deepEqual(edits, []);
    assert.equal(problems[0].kind, 'malformedDiff');
    assert.equal(problems[0].line, 6);
  });

  it('ignores "\\ No newline at end of file" markers', () => {
    const { edits } = parseUnifiedDiff('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
    assert.deepEqual(diffEdits(edits)[0].hunks[0].lines, ['-a', '+b']);
  });

  it('treats a removed line that looks like a file header as a removal when no +++ follows', () => {
    const { edits, problems } = parseUnifiedDiff('--- a/q.sql\n+++ b/q.sql\n@@ -1,2 +1,1 @@\n--- a comment\n select 1;\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(diffEdits(edits)[0].hunks[0].lines, ['--- a comment', ' select 1;']);
  });
});
