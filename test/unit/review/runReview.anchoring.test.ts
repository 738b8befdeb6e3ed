// runReview: findings are anchored to the lines of the change; the rest are reported with a reason.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runReview } from '../../../src/core/skills/review/reviewSkill';
import { removeTempDirs } from '../helpers/paths';
import { reviewContext, reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { createFixtureRepo, edit } from '../helpers/tempRepo';

after(async () => {
  await closeServers();
  removeTempDirs();
});

describe('runReview anchoring', () => {
  it('keeps findings on changed lines and reports findings outside the change or on other files with a reason', async () => {
    const repo = createFixtureRepo('review-js');
    edit(repo, 'src/math.js', 'return a * b;', 'return a * b + 1;');
    const findings = [
      { file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'Adds one.' },
      { file: 'src/math.js', line: 4, severity: 'low', category: 'style', message: 'add could be an arrow function.' },
      { file: 'test/math.test.js', line: 8, severity: 'medium', category: 'tests', message: 'The multiply test will now fail.' },
      { file: 'src/math.js', severity: 'info', category: 'style', message: 'No line given.' },
      { line: 3, message: 'No file given.' },
    ];
    const server = await startServer({ replies: [{ content: reviewReply('NO', findings) }] });
    const { result } = await runReview({}, await reviewContext(repo.dir, server));
    assert.deepEqual(result.findings, [findings[0]]);
    assert.deepEqual(
      result.unanchoredFindings.map((u) => [u.finding.file, u.finding.line ?? null, u.reason]),
      [
        ['', null, 'malformed finding: missing "file"'],
        ['src/math.js', 4, 'line 4 is outside the changed lines of src/math.js (9-15)'],
        ['test/math.test.js', 8, 'test/math.test.js is not part of the change'],
        ['src/math.js', null, 'no line number'],
      ],
    );
  });

  it('puts the numbered diff, the intent and the focus in the prompt, and anchors by its numbers', async () => {
    const repo = createFixtureRepo('review-js');
    edit(repo, 'src/math.js', 'module.exports = { add, subtract, multiply };', 'function divide(a, b) {\n  return a / b;\n}\n\nmodule.exports = { add, subtract, multiply, divide };');
    const server = await startServer({
      replies: [{ content: reviewReply('NO', [{ file: 'src/math.js', line: 16, severity: 'high', category: 'bug', message: 'Division by zero is not handled.' }]) }],
    });
    const { result } = await runReview({ intent: 'Add divide.', focus: 'correctness' }, await reviewContext(repo.dir, server));
    const user = server.chatRequests()[0].body.messages[1].content as string;
    assert.match(user, /^Review the uncommitted changes\./);
    assert.match(user, /<intent>\nAdd divide\.\n<\/intent>/);
    assert.match(user, /Focus of this review: correctness\./);
    assert.match(user, /^   16 \+  return a \/ b;$/m);
    assert.deepEqual(result.findings.map((f) => f.line), [16]);
    assert.deepEqual(result.unanchoredFindings, []);
  });
});
