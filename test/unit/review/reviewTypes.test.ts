import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeScope, scopeFromInput, type ReviewInput } from '../../../src/core/skills/review/reviewTypes';
import type { ChangeScope } from '../../../src/core/ports/changeSource';

describe('scopeFromInput', () => {
  const cases: Array<[ReviewInput, ChangeScope]> = [
    [{}, { kind: 'uncommitted' }],
    [{ scope: 'uncommitted' }, { kind: 'uncommitted' }],
    [{ scope: 'staged' }, { kind: 'staged' }],
    [{ scope: 'range', base: 'main' }, { kind: 'range', base: 'main', head: undefined }],
    [{ scope: 'range', base: 'main', head: 'feature' }, { kind: 'range', base: 'main', head: 'feature' }],
    [{ scope: 'range' }, { kind: 'range', base: 'HEAD', head: undefined }],
    [{ scope: 'range', base: '', head: '' }, { kind: 'range', base: 'HEAD', head: undefined }],
    [{ base: 'HEAD~2' }, { kind: 'range', base: 'HEAD~2', head: undefined }],
    [{ base: 'v1.0', head: 'v1.1' }, { kind: 'range', base: 'v1.0', head: 'v1.1' }],
    [{ base: '' }, { kind: 'uncommitted' }],
    [{ scope: 'staged', base: 'main' }, { kind: 'staged' }],
    [{ scope: 'uncommitted', base: 'main' }, { kind: 'uncommitted' }],
    [{ head: 'feature' }, { kind: 'uncommitted' }],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(scopeFromInput(input), expected);
    });
  }

  it('ignores intent and focus', () => {
    assert.deepEqual(scopeFromInput({ intent: 'Fix #12', focus: 'security' }), { kind: 'uncommitted' });
  });
});

describe('describeScope', () => {
  it('names each scope in words', () => {
    assert.equal(describeScope({ kind: 'uncommitted' }), 'uncommitted changes');
    assert.equal(describeScope({ kind: 'staged' }), 'staged changes');
    assert.equal(describeScope({ kind: 'range', base: 'main' }), 'changes main..working tree');
    assert.equal(describeScope({ kind: 'range', base: 'main', head: 'HEAD' }), 'changes main..HEAD');
  });
});
