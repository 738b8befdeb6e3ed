import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ParsedEdits } from '../../../src/core/edits/editPlan';
import { parseEditReply } from '../../../src/core/edits/editReplyParser';
import { formatEditReport } from '../../../src/core/edits/editReport';
import { applyWithRepairs } from '../../../src/core/edits/repairLoop';
import { applyReply, disposeChecker, fileResult, memoryFiles, realChecker, srReply } from './editSupport';

after(disposeChecker);

const text = 'def f():\n    return 1\n\n\ndef g():\n    return 2\n';

describe('applyWithRepairs', () => {
  it('keeps the applied blocks, shows the model the failure, and applies its corrected block', async () => {
    const first = parseEditReply(srReply('m.py', '    return 1\n', '    return 10\n') + srReply('m.py', '    return 3\n', '    return 30\n'));
    const seen: string[] = [];
    const repair = async (feedback: string): Promise<ParsedEdits> => {
      seen.push(feedback);
      return parseEditReply(srReply('m.py', '    return 2\n', '    return 20\n'));
    };
    const { result, repairTurns } = await applyWithRepairs(first, memoryFiles({ 'm.py': text }), repair, { maxRepairTurns: 2, checker: realChecker() });
    assert.equal(repairTurns, 1);
    assert.equal(result.ok, true);
    assert.equal(fileResult(result, 'm.py').after, text.replace('return 1', 'return 10').replace('return 2', 'return 20'));
    assert.equal(fileResult(result, 'm.py').before, text);
    assert.deepEqual(result.blocks.map((b) => [b.turn, b.status]), [
      [0, 'applied'],
      [0, 'failed'],
      [1, 'applied'],
    ]);
    assert.equal(seen.length, 1);
    assert.match(seen[0], /1 of 2 edit blocks applied/);
    assert.match(seen[0], /m\.py block 2/);
    assert.match(seen[0], /6\|     return 2/);
    assert.doesNotMatch(seen[0], /block 1/);
  });

  it('stops after the allowed number of turns and is then not ok', async () => {
    const bad = () => parseEditReply(srReply('m.py', '    return 99\n', '    return 0\n'));
    let calls = 0;
    const { result, repairTurns } = await applyWithRepairs(bad(), memoryFiles({ 'm.py': text }), async () => (calls++, bad()), { maxRepairTurns: 2 });
    assert.equal(calls, 2);
    assert.equal(repairTurns, 2);
    assert.equal(result.ok, false);
    assert.equal(fileResult(result, 'm.py').after, text);
  });

  it('offers a parse failure for repair, and succeeds when the model fixes the syntax', async () => {
    const first = parseEditReply(srReply('m.py', '    return 1\n', '    return (1\n'));
    const feedback: string[] = [];
    const { result } = await applyWithRepairs(
      first,
      memoryFiles({ 'm.py': text }),
      async (f) => (feedback.push(f), parseEditReply(srReply('m.py', '    return (1\n', '    return (1)\n'))),
      { maxRepairTurns: 1, checker: realChecker() },
    );
    assert.match(feedback[0], /no longer parse/);
    assert.match(feedback[0], /m\.py:2:\d+/);
    assert.equal(result.ok, true);
    assert.equal(fileResult(result, 'm.py').after, text.replace('return 1', 'return (1)'));
  });

  it('gives up when the model sends nothing', async () => {
    const first = parseEditReply(srReply('m.py', '    return 99\n', '    return 0\n'));
    const { result, repairTurns } = await applyWithRepairs(first, memoryFiles({ 'm.py': text }), async () => undefined, { maxRepairTurns: 3 });
    assert.equal(repairTurns, 0);
    assert.equal(result.ok, false);
  });
});

describe('formatEditReport', () => {
  it('lists each block with its outcome and the nearest lines of a failure, numbered', async () => {
    const result = await applyReply(srReply('m.py', '    return 1\n', '    return 10\n') + srReply('m.py', 'def g():\n    return 3\n', 'def g():\n    return 4\n'), { 'm.py': text });
    const report = formatEditReport(result);
    assert.match(report, /^applied  m\.py block 1 \(lines 2-2\)$/m);
    assert.match(report, /^FAILED   m\.py block 2: The old text does not occur/m);
    assert.match(report, /near line 5 \(similarity [\d.]+\):\n {4}- line 6: file has "return 2", block has "return 3"\n {4}5\| def g\(\):\n {4}6\|     return 2/);
  });
});
