import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReviewResult } from '../../../src/core/skills/review/reviewTypes';
import { findingCount, summarizeReview, verdictLine } from '../../../src/core/skills/review/summarizeReview';

const base: ReviewResult = {
  judgment: 'YES',
  review: 'Adds a divide function with a zero check.',
  findings: [],
  unanchoredFindings: [],
  scope: { kind: 'uncommitted' },
  files: ['src/math.js'],
  omittedFiles: [],
  model: { backend: 'openai', model: 'scripted-model', endpoint: 'http://127.0.0.1:1/v1' },
  usage: { promptTokens: 10, completionTokens: 5 },
  toolCalls: 0,
  repaired: false,
};

describe('findingCount and verdictLine', () => {
  it('counts findings in words, singular and plural', () => {
    assert.equal(findingCount(0), '0 findings');
    assert.equal(findingCount(1), '1 finding');
    assert.equal(findingCount(2), '2 findings');
  });

  it('states the verdict and the number of anchored findings', () => {
    assert.equal(verdictLine(base), 'Atomic Skills review: YES — 0 findings');
    const withOne: ReviewResult = { ...base, judgment: 'NO', findings: [{ file: 'a', line: 1, severity: 'low', category: 'bug', message: 'x' }] };
    assert.equal(verdictLine(withOne), 'Atomic Skills review: NO — 1 finding');
  });
});

describe('summarizeReview', () => {
  it('is the verdict and the review for a clean result', () => {
    assert.equal(summarizeReview(base), '**Verdict: YES** — 0 findings in 1 file\n\nAdds a divide function with a zero check.');
  });

  it('lists findings, unanchored findings and files left out', () => {
    const result: ReviewResult = {
      ...base,
      judgment: 'NO',
      review: 'multiply adds one.',
      files: ['src/math.js', 'README.md'],
      findings: [
        { file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'Adds one to the product.' },
        { file: 'README.md', line: 3, severity: 'info', category: 'style', message: 'Typo.' },
      ],
      unanchoredFindings: [
        { finding: { file: 'src/math.js', line: 4, severity: 'low', category: 'style', message: 'Old code.' }, reason: 'line 4 is outside the changed lines of src/math.js (9-15)' },
        { finding: { file: 'lib/x.js', severity: 'medium', category: 'bug', message: 'Elsewhere.' }, reason: 'lib/x.js is not part of the change' },
      ],
      omittedFiles: ['logo.png (binary)', 'package-lock.json (generated)'],
    };
    assert.equal(
      summarizeReview(result),
      [
        '**Verdict: NO** — 2 findings in 2 files',
        '',
        'multiply adds one.',
        '',
        '**Findings**',
        '- `src/math.js:12` [high/bug] Adds one to the product.',
        '- `README.md:3` [info/style] Typo.',
        '',
        '**Not anchored to the change**',
        '- src/math.js:4: Old code. (line 4 is outside the changed lines of src/math.js (9-15))',
        '- lib/x.js: Elsewhere. (lib/x.js is not part of the change)',
        '',
        'Not reviewed: logo.png (binary), package-lock.json (generated)',
      ].join('\n'),
    );
  });
});
