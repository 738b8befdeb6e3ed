import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChangeSet } from '../../../src/core/diff/changeSet';
import { newFilePatch } from '../../../src/core/diff/newFilePatch';
import { anchorFindings } from '../../../src/core/skills/review/anchorFindings';
import type { RawFinding } from '../../../src/core/skills/review/parseReview';

// src/math.js: one hunk, new lines 9-15 (line 12 changed); docs/guide.md: added, lines 1-3;
// old.txt: deleted.
const diff = [
  'diff --git a/src/math.js b/src/math.js',
  'index 1111111..2222222 100644',
  '--- a/src/math.js',
  '+++ b/src/math.js',
  '@@ -9,7 +9,7 @@ function subtract(a, b) {',
  ' }',
  ' ',
  ' function multiply(a, b) {',
  '-  return a * b;',
  '+  return a * b + 1;',
  ' }',
  ' ',
  ' module.exports = { add, subtract, multiply };',
  'diff --git a/old.txt b/old.txt',
  'deleted file mode 100644',
  'index 3333333..0000000',
  '--- a/old.txt',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-a',
  '-b',
  '',
].join('\n') + newFilePatch('docs/guide.md', '# Guide\n\nText.\n');
const files = parseChangeSet(diff);

const finding = (file: string, line: number | undefined, message = 'm'): RawFinding => ({ file, line, severity: 'medium', category: 'bug', message });

describe('anchorFindings', () => {
  it('keeps findings on lines of a hunk, changed or context', () => {
    const { findings, unanchored } = anchorFindings([finding('src/math.js', 12, 'changed'), finding('src/math.js', 9, 'context'), finding('src/math.js', 15, 'last')], files);
    assert.deepEqual(unanchored, []);
    assert.deepEqual(findings.map((f) => [f.line, f.message]), [
      [9, 'context'],
      [12, 'changed'],
      [15, 'last'],
    ]);
  });

  it('puts a line outside the change among the unanchored findings, naming the changed ranges', () => {
    const { findings, unanchored } = anchorFindings([finding('src/math.js', 4), finding('src/math.js', 16)], files);
    assert.deepEqual(findings, []);
    assert.deepEqual(unanchored.map((u) => u.reason), [
      'line 4 is outside the changed lines of src/math.js (9-15)',
      'line 16 is outside the changed lines of src/math.js (9-15)',
    ]);
    assert.equal(unanchored[0].finding.line, 4);
  });

  it('puts a finding on a file outside the change among the unanchored findings', () => {
    const { findings, unanchored } = anchorFindings([finding('README.md', 1, 'elsewhere')], files);
    assert.deepEqual(findings, []);
    assert.deepEqual(unanchored, [{ finding: finding('README.md', 1, 'elsewhere'), reason: 'README.md is not part of the change' }]);
  });

  it('puts a finding without a line among the unanchored findings, with the file resolved', () => {
    const { unanchored } = anchorFindings([finding('math.js', undefined)], files);
    assert.deepEqual(unanchored.map((u) => [u.finding.file, u.reason]), [['src/math.js', 'no line number']]);
  });

  it('matches paths written with ./, a/ or b/ prefixes, backslashes or only the file name', () => {
    const names = ['./src/math.js', 'a/src/math.js', 'b/src/math.js', 'src\\math.js', 'math.js', 'project/src/math.js'];
    const { findings, unanchored } = anchorFindings(names.map((n) => finding(n, 12, n)), files);
    assert.deepEqual(unanchored, []);
    assert.deepEqual(new Set(findings.map((f) => f.file)), new Set(['src/math.js']));
    assert.equal(findings.length, names.length);
  });

  it('anchors a deleted file at line 1 and an added file on its lines', () => {
    const { findings, unanchored } = anchorFindings([finding('old.txt', 1), finding('docs/guide.md', 3), finding('docs/guide.md', 4)], files);
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}`), ['docs/guide.md:3', 'old.txt:1']);
    assert.deepEqual(unanchored.map((u) => u.reason), ['line 4 is outside the changed lines of docs/guide.md (1-3)']);
  });

  it('does not guess between two changed files with the same name', () => {
    const twins = parseChangeSet(newFilePatch('web/index.js', 'x\n') + newFilePatch('api/index.js', 'y\n'));
    const { findings, unanchored } = anchorFindings([finding('index.js', 1)], twins);
    assert.deepEqual(findings, []);
    assert.equal(unanchored.length, 1);
  });

  it('finds files in folders literally named a or b', () => {
    const twins = parseChangeSet(newFilePatch('a/index.js', 'x\n') + newFilePatch('b/index.js', 'y\n'));
    const { findings, unanchored } = anchorFindings([finding('a/index.js', 1, 'in a'), finding('b/index.js', 1, 'in b')], twins);
    assert.deepEqual(unanchored, []);
    assert.deepEqual(findings.map((f) => [f.file, f.message]), [
      ['a/index.js', 'in a'],
      ['b/index.js', 'in b'],
    ]);
  });

  it('keeps every field of an anchored finding and sorts by file, then line', () => {
    const rich: RawFinding = { file: 'src/math.js', line: 12, endLine: 13, severity: 'high', category: 'security', message: 'x', suggestion: 'y' };
    const { findings } = anchorFindings([rich, finding('docs/guide.md', 2), finding('src/math.js', 10)], files);
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}`), ['docs/guide.md:2', 'src/math.js:10', 'src/math.js:12']);
    assert.deepEqual(findings[2], rich);
  });
});
