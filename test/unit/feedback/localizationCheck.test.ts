import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localizationCheckLabel } from '../../../src/core/feedback/localizationCheck';

describe('localizationCheckLabel', () => {
  it('passes on exactly the changed files', () => {
    assert.deepEqual(localizationCheckLabel(['a.py', 'b.py'], ['b.py', 'a.py']), {
      kind: 'check', name: 'localizationMatchesChange', passed: true, value: 1, detail: { precision: 1, recall: 1, committed: 2, changed: 2 },
    });
  });

  it('scores partial overlaps by F1 and fails them', () => {
    const label = localizationCheckLabel(['a.py', 'c.py'], ['a.py', 'b.py', 'd.py']);
    assert.equal(label.kind === 'check' && label.passed, false);
    assert.equal(label.kind === 'check' && label.detail?.precision, 0.5);
    assert.equal(label.kind === 'check' && Math.round((label.value ?? 0) * 1000), 400);
  });

  it('nothing changed, or nothing committed, fails with value 0', () => {
    for (const [committed, changed] of [[['a.py'], []], [[], []]]) {
      const label = localizationCheckLabel(committed, changed);
      assert.ok(label.kind === 'check');
      assert.equal(label.passed, false);
      assert.equal(label.value, 0);
    }
  });
});
