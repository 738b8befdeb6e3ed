import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localizeFeedback, localizeSkill, runLocalize } from '../../../src/core/skills/localize/localizeSkill';
import type { LocalizationResult } from '../../../src/core/skills/localize/localizeTypes';
import { summarizeLocalization } from '../../../src/core/skills/localize/summarizeLocalization';

function result(overrides: Partial<LocalizationResult> = {}): LocalizationResult {
  return {
    files: [
      { path: 'billing/invoice.py', score: 1, reason: 'wrong formula', symbols: [{ name: 'Invoice.apply_discount', kind: 'method', startLine: 35, endLine: 39 }] },
      { path: 'tests/test_invoice.py', score: 0.5, reason: 'the failing test', symbols: [] },
      { path: 'billing/currency.py', score: 0.25, reason: 'rounding', symbols: [] },
    ],
    committed: ['billing/invoice.py', 'tests/test_invoice.py'],
    dropped: [],
    retrievalOnly: false,
    model: { backend: 'openai', model: 'scripted-model', endpoint: 'http://127.0.0.1:1/v1' },
    usage: { promptTokens: 1200, completionTokens: 85 },
    toolCalls: 3,
    repaired: true,
    stats: { indexedFiles: 6, candidates: 5, retrievalMilliseconds: 2, milliseconds: 40 },
    ...overrides,
  };
}

describe('localizeFeedback', () => {
  it('records the committed files and the metrics of the result', () => {
    const feedback = localizeFeedback(result());
    assert.deepEqual(feedback.files, ['billing/invoice.py', 'tests/test_invoice.py']);
    assert.deepEqual(feedback.metrics, { files: 3, committed: 2, dropped: 0, toolCalls: 3, repaired: 1, promptTokens: 1200, completionTokens: 85 });
  });

  it('labels the localizationPaths check passed when the model named no missing file', () => {
    assert.deepEqual(localizeFeedback(result()).labels, [{ kind: 'check', name: 'localizationPaths', passed: true, detail: { dropped: 0 } }]);
  });

  it('labels it failed, with the count, when paths were dropped', () => {
    const feedback = localizeFeedback(
      result({
        dropped: [
          { path: 'billing/discounts.py', reason: 'no such file in the workspace (or it is ignored)' },
          { path: '../x.py', reason: 'Path ../x.py leaves the workspace.' },
        ],
        repaired: false,
      }),
    );
    assert.deepEqual(feedback.labels, [{ kind: 'check', name: 'localizationPaths', passed: false, detail: { dropped: 2 } }]);
    assert.equal(feedback.metrics.dropped, 2);
    assert.equal(feedback.metrics.repaired, 0);
  });

  it('is the feedback the skill definition declares', () => {
    assert.equal(localizeSkill.feedback, localizeFeedback);
    assert.equal(localizeSkill.run, runLocalize);
    assert.deepEqual(localizeSkill.needs, ['index']);
  });
});

describe('summarizeLocalization', () => {
  it('lists the committed files, the ranking with symbols and lines, and what was dropped', () => {
    const text = summarizeLocalization(result({ dropped: [{ path: 'billing/discounts.py', reason: 'no such file' }] }));
    assert.equal(
      text,
      [
        '**Files to change:** `billing/invoice.py`, `tests/test_invoice.py`',
        '',
        '1. `billing/invoice.py` (1.00) — wrong formula: `Invoice.apply_discount` (35-39)',
        '2. `tests/test_invoice.py` (0.50) — the failing test',
        '3. `billing/currency.py` (0.25) — rounding',
        '',
        'Dropped (not in the workspace): billing/discounts.py (no such file)',
      ].join('\n'),
    );
  });
});
