// Issue 13: a workflow step's failure as the CLI prints it: the CLI's words, the failing lines, never cut mid-sentence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stepSummary } from '../../../src/cli/stepSummary';
import { formatEditReport } from '../../../src/core/edits/editReport';
import type { ApplyResult } from '../../../src/core/edits/editPlan';

describe('stepSummary', () => {
  it('shows the failed block, not the applied one before it', () => {
    const report = formatEditReport({
      ok: false,
      problems: [],
      files: [],
      blocks: [
        { path: 'src/math.js', index: 0, status: 'applied', range: { start: 3, end: 3 } },
        { path: 'src/math.js', index: 1, status: 'failed', failure: 'notFound', reason: 'the SEARCH text is not in the file' },
      ],
    } as unknown as ApplyResult);
    assert.match(report, /^applied/);
    assert.equal(stepSummary(report), 'FAILED src/math.js block 2: the SEARCH text is not in the file');
  });

  it('names the CLI\'s flags, not VS Code settings, and keeps a long message whole up to a sentence end', () => {
    const rateLimited = 'The model endpoint at http://127.0.0.1:9/v1 is limiting requests (HTTP 429: slow down), still after the retries of atomicSkills.model.maxRetries. Wait a minute and try again, or check the plan\'s rate limits.';
    assert.equal(stepSummary(rateLimited), 'The model endpoint at http://127.0.0.1:9/v1 is limiting requests (HTTP 429: slow down), still after the retries. Wait a minute and try again, or check the plan\'s rate limits.');
    const long = `${'The first sentence is long enough to matter here. '.repeat(8)}And then this one goes past the limit of the line by quite a lot of words.`;
    const cut = stepSummary(long);
    assert.ok(cut.length <= 402, String(cut.length));
    assert.match(cut, /matter here\. …$/);
  });
});
