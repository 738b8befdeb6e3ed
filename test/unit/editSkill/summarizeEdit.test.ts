// The edit's Markdown summary: a reply with no edit at all is not reported as "0 of 0 blocks".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditResult } from '../../../src/core/skills/edit/editTypes';
import { summarizeEdit } from '../../../src/core/skills/edit/summarizeEdit';

const failed = (blocks: EditResult['blocks'], repairTurns: number): EditResult => ({
  files: [],
  blocks,
  ok: false,
  repairTurns,
  problems: [],
  report: 'PROBLEM  The reply holds no edit.',
  parseGuard: true,
  usage: { promptTokens: 0, completionTokens: 0 },
});

describe('summarizeEdit', () => {
  it('says the model proposed no edit when no block came back, with the repair turns', () => {
    const text = summarizeEdit(failed([], 2));
    assert.match(text, /^\*\*Edit failed:\*\* the model proposed no edit, also after 2 repair turn\(s\); nothing should be written\.$/m);
    assert.doesNotMatch(text, /0 of 0/);
    assert.match(text, /PROBLEM {2}The reply holds no edit\./);
    assert.match(summarizeEdit(failed([], 0)), /^\*\*Edit failed:\*\* the model proposed no edit; nothing should be written\.$/m);
  });
});
