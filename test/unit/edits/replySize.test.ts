import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEditReply } from '../../../src/core/edits/editReplyParser';
import { maxEditReplyBytes } from '../../../src/core/edits/replySize';
import { parseToolCalls } from '../../../src/core/edits/toolCallParser';
import { AtomicError } from '../../../src/core/errors';

const block = (body: string) => `a.py\n<<<<<<< SEARCH\nx\n=======\n${body}\n>>>>>>> REPLACE\n`;

function refusedAsTooLarge(run: () => unknown, what: RegExp): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof AtomicError);
    assert.equal(err.reason, 'modelReplyMalformed');
    assert.match(err.message, what);
    assert.match(err.message, /over the 8 MiB an edit reply may hold; nothing was applied/);
    return true;
  });
}

describe('edit replies have a size limit', () => {
  it('a text reply at the limit parses; one byte past it is refused with its size', () => {
    const filler = 'y'.repeat(maxEditReplyBytes - block('').length);
    assert.equal(parseEditReply(block(filler)).plan.edits.length, 1);
    refusedAsTooLarge(() => parseEditReply(block(filler + 'y')), /^The reply is 8388609 bytes,/);
    refusedAsTooLarge(() => parseEditReply(block('z'.repeat(50 * 1024 * 1024))), /^The reply is 50 MiB,/);
  });

  it('counts UTF-8 bytes, not characters', () => {
    refusedAsTooLarge(() => parseEditReply(block('é'.repeat(maxEditReplyBytes / 2))), /^The reply is 83886\d\d bytes/);
  });

  it('edit tool calls are limited by the size of their arguments; other tools do not count', () => {
    const big = 'q'.repeat(maxEditReplyBytes);
    refusedAsTooLarge(
      () => parseToolCalls([{ id: '1', name: 'str_replace', arguments: { path: 'a.py', old_str: 'x', new_str: big } }]),
      /^The edit tool calls' text is 8388613 bytes,/,
    );
    const parsed = parseToolCalls([{ id: '1', name: 'read_file', arguments: { path: big } }, { id: '2', name: 'create_file', arguments: { path: 'b.py', content: 'ok\n' } }]);
    assert.deepEqual(parsed.plan.edits.map((e) => e.path), ['b.py']);
  });
});
