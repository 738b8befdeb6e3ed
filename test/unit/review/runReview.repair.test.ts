// runReview when the model's answer does not follow the format: one repair turn, then a typed error.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runReview } from '../../../src/core/skills/review/reviewSkill';
import { rejectsWithReason } from '../helpers/assertions';
import { removeTempDirs } from '../helpers/paths';
import { reviewContext, reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { changedReviewRepo } from '../helpers/tempRepo';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const lastUser = (body: { messages: Array<{ role: string; content: string }> }) => body.messages.filter((m) => m.role === 'user').pop()!.content;

describe('runReview repair turn', () => {
  it('asks once more, naming the problem, when the first reply has no judgment', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({
      replies: [
        { content: '<review>Looks fine to me.</review>', usage: { prompt_tokens: 50, completion_tokens: 5 } },
        { when: { lastUserIncludes: 'Your answer could not be read' }, content: reviewReply('YES', [], 'Fine after all.'), usage: { prompt_tokens: 60, completion_tokens: 9 } },
      ],
    });
    const { result, transcript } = await runReview({}, await reviewContext(repo.dir, server));
    assert.equal(result.repaired, true);
    assert.equal(result.judgment, 'YES');
    assert.equal(result.review, 'Fine after all.');
    assert.deepEqual(result.usage, { promptTokens: 110, completionTokens: 14 });
    const [first, second] = server.chatRequests();
    assert.equal(server.chatRequests().length, 2);
    assert.match(lastUser(second.body), /^Your answer could not be read: there is no <judgment>YES<\/judgment> or <judgment>NO<\/judgment>\./);
    assert.equal(second.body.tools, undefined, 'the repair turn offers no tools');
    assert.ok(Array.isArray(first.body.tools));
    // The malformed answer stays in the conversation so the model sees what it wrote.
    const assistants = second.body.messages.filter((m: { role: string }) => m.role === 'assistant');
    assert.deepEqual(assistants.map((m: { content: string }) => m.content), ['<review>Looks fine to me.</review>']);
    assert.deepEqual(transcript.slice(-3).map((m) => m.role), ['assistant', 'user', 'assistant']);
    assert.equal(transcript[transcript.length - 1].content, reviewReply('YES', [], 'Fine after all.'));
  });

  it('repairs findings that are not JSON', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({
      replies: [
        { content: '<review>Bad.</review><findings>[{file: src/math.js}]</findings><judgment>NO</judgment>' },
        { when: { lastUserIncludes: '<findings> is not valid JSON' }, content: reviewReply('NO', [{ file: 'src/math.js', line: 12, message: 'Adds one.' }]) },
      ],
    });
    const { result } = await runReview({}, await reviewContext(repo.dir, server));
    assert.equal(result.repaired, true);
    assert.deepEqual(result.findings.map((f) => [f.file, f.line, f.severity, f.category]), [['src/math.js', 12, 'medium', 'bug']]);
  });

  it('does not repair a reply that parses', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ content: reviewReply('NO') }] });
    const { result } = await runReview({}, await reviewContext(repo.dir, server));
    assert.equal(result.repaired, false);
    assert.equal(server.chatRequests().length, 1);
  });

  it('fails with modelReplyMalformed after the second unreadable reply, keeping that reply as detail', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({
      replies: [
        { content: 'I think it is fine.' },
        { when: { lastUserIncludes: 'Your answer could not be read' }, content: '<review>Still fine.</review><judgment>Probably</judgment>' },
      ],
    });
    const err = await rejectsWithReason(runReview({}, await reviewContext(repo.dir, server)), 'modelReplyMalformed', /could not be read, even after one retry: the judgment must be YES or NO, not "Probably"/);
    assert.equal(err.detail, '<review>Still fine.</review><judgment>Probably</judgment>');
    assert.equal(server.chatRequests().length, 2, 'exactly one retry');
  });
});
