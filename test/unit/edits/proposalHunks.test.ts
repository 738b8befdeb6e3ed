import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChosenHunks, changeCounts, minimalReplacement, proposalHunks } from '../../../src/core/edits/proposalHunks';

const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', ''].join('\n');
// Two separate changes: b→B (line 2), and f removed with two lines added (line 6).
const after = ['a', 'B', 'c', 'd', 'e', 'x', 'y', 'g', ''].join('\n');

describe('proposal hunks', () => {
  it('finds each contiguous change with its lines on both sides', () => {
    const hunks = proposalHunks(before, after);
    assert.equal(hunks.length, 2);
    assert.deepEqual(
      hunks.map((h) => [h.beforeLine, h.afterLine, h.removed, h.added]),
      [
        [2, 2, 'b\n', 'B\n'],
        [6, 6, 'f\n', 'x\ny\n'],
      ],
    );
  });

  it('takes the chosen hunks from the proposal and leaves the others as they were', () => {
    assert.equal(applyChosenHunks(before, after, new Set([1])), ['a', 'b', 'c', 'd', 'e', 'x', 'y', 'g', ''].join('\n'));
    assert.equal(applyChosenHunks(before, after, new Set([0])), ['a', 'B', 'c', 'd', 'e', 'f', 'g', ''].join('\n'));
    assert.equal(applyChosenHunks(before, after, new Set([0, 1])), after);
    assert.equal(applyChosenHunks(before, after, new Set()), before);
  });

  it('keeps CRLF line endings and a missing final newline byte for byte', () => {
    const crlfBefore = 'one\r\ntwo\r\nthree\r\nfour';
    const crlfAfter = 'one\r\nTWO\r\nthree\r\nfour!';
    assert.equal(proposalHunks(crlfBefore, crlfAfter).length, 2);
    assert.equal(applyChosenHunks(crlfBefore, crlfAfter, new Set([1])), 'one\r\ntwo\r\nthree\r\nfour!');
    assert.equal(applyChosenHunks(crlfBefore, crlfAfter, new Set([0, 1])), crlfAfter);
  });

  it('handles a new file (empty original) as one hunk', () => {
    assert.equal(proposalHunks('', 'x\ny\n').length, 1);
    assert.equal(applyChosenHunks('', 'x\ny\n', new Set([0])), 'x\ny\n');
  });

  it('refuses a hunk that does not exist', () => {
    assert.throws(() => applyChosenHunks(before, after, new Set([2])), /no hunk 3/);
  });

  it('counts added and removed lines', () => {
    assert.deepEqual(changeCounts(before, after), { added: 3, removed: 2 });
    assert.deepEqual(changeCounts('a', 'a\nb'), { added: 2, removed: 1 });
  });
});

describe('minimal replacement', () => {
  const apply = (from: string, r: { start: number; end: number; text: string }) => from.slice(0, r.start) + r.text + from.slice(r.end);

  it('replaces only the changed middle', () => {
    const r = minimalReplacement('function f() {\n  return 1;\n}\n', 'function f() {\n  return 2;\n}\n');
    assert.equal(r.text, '2');
    assert.equal(apply('function f() {\n  return 1;\n}\n', r), 'function f() {\n  return 2;\n}\n');
  });

  it('never starts or ends between \\r and \\n', () => {
    const from = 'a\r\nb\r\n';
    const to = 'a\r\nX\r\nb\r\n';
    const r = minimalReplacement(from, to);
    assert.equal(apply(from, r), to);
    assert.notEqual(from[r.start - 1], '\r');
    assert.ok(!(from[r.end] === '\n' && from[r.end - 1] === '\r'), `end ${r.end} splits a CRLF`);
  });

  it('is empty for equal texts and whole for disjoint ones', () => {
    assert.deepEqual(minimalReplacement('same', 'same'), { start: 4, end: 4, text: '' });
    assert.deepEqual(minimalReplacement('abc', 'xyz'), { start: 0, end: 3, text: 'xyz' });
  });
});
