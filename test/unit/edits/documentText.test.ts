import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposalForDocument } from '../../../src/core/edits/documentText';

describe('a proposal made from disk, applied to the editor text', () => {
  it('the same text: the proposal as it is', () => {
    assert.deepEqual(proposalForDocument('a\nb\n', '\n', 'a\nb\n', 'a\nc\n'), { to: 'a\nc\n' });
  });

  it('a file with a byte-order mark: the editor shows the text without it, and the mark is not written into the text', () => {
    assert.deepEqual(proposalForDocument('a\nb\n', '\n', '\uFEFFa\nb\n', '\uFEFFa\nc\n'), { to: 'a\nc\n' });
  });

  it('mixed line endings: the editor made them one kind; the proposal follows it', () => {
    assert.deepEqual(proposalForDocument('a\r\nb\r\nc\r\n', '\r\n', 'a\r\nb\nc\r\n', 'a\r\nB\nc\r\n'), { to: 'a\r\nB\r\nc\r\n' });
  });

  it('text that really differs (an edit since, unsaved changes) is not mapped', () => {
    assert.equal(proposalForDocument('a\nX\n', '\n', 'a\nb\n', 'a\nc\n'), undefined);
    assert.equal(proposalForDocument('a\nb', '\n', 'a\nb\n', 'a\nc\n'), undefined, 'a missing final newline is a difference');
  });
});
