// runLocalize when the model's answer cannot be read: one repair turn, then a typed failure.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { localizationFormat } from '../../../src/core/skills/localize/localizePrompt';
import { runLocalize } from '../../../src/core/skills/localize/localizeSkill';
import { rejectsWithReason } from '../helpers/assertions';
import { closeServers, messageTexts, startServer } from '../helpers/servers';
import { closeIndexes, localizationReply, localizeContext, localizeFixture } from './localizeSupport';

after(async () => {
  await closeServers();
  await closeIndexes();
});

const root = localizeFixture('python-billing');
const task = 'Invoice.apply_discount returns the discount instead of the discounted total.';
const repairMarker = 'Your answer could not be read';

describe('runLocalize repair', () => {
  it('asks once more, without tools, when the first answer has no JSON, and reads the second', async () => {
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, content: 'The bug is in billing/invoice.py, in apply_discount.', usage: { prompt_tokens: 100, completion_tokens: 10 } },
        {
          when: { lastUserIncludes: repairMarker },
          content: localizationReply([{ path: 'billing/invoice.py', reason: 'wrong formula', symbols: ['Invoice.apply_discount'] }]),
          usage: { prompt_tokens: 150, completion_tokens: 20 },
        },
      ],
    });
    const { result, transcript } = await runLocalize({ task }, localizeContext(root, server));

    assert.equal(result.repaired, true);
    assert.deepEqual(result.files.map((f) => [f.path, f.reason]), [['billing/invoice.py', 'wrong formula']]);
    assert.deepEqual(result.committed, ['billing/invoice.py']);
    assert.deepEqual(result.usage, { promptTokens: 250, completionTokens: 30 }, 'both turns are counted');
    assert.equal(result.toolCalls, 0);

    const requests = server.chatRequests();
    assert.equal(requests.length, 2);
    assert.equal(requests[1].body.tools, undefined, 'the repair turn offers no tools');
    const lastUser = messageTexts(requests[1].body).pop()!;
    assert.equal(lastUser, `user: ${repairMarker}: there is no JSON object inside <localization>…</localization>.\nReply again in exactly this format.\n${localizationFormat}`);
    // The repair request repeats the whole conversation, the unreadable answer included.
    assert.ok(messageTexts(requests[1].body).includes('assistant: The bug is in billing/invoice.py, in apply_discount.'));
    assert.deepEqual(transcript.map((m) => m.role), ['system', 'user', 'assistant', 'user', 'assistant']);
    assert.match(transcript[3].content, new RegExp(`^${repairMarker}`));
  });

  it('names the JSON error in the repair request', async () => {
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, content: '<localization>{"files": [{"path": "billing/invoice.py",}]}</localization>' },
        { when: { lastUserIncludes: repairMarker }, content: localizationReply(['billing/invoice.py']) },
      ],
    });
    const { result } = await runLocalize({ task }, localizeContext(root, server));
    assert.equal(result.repaired, true);
    assert.match(messageTexts(server.chatRequests()[1].body).pop()!, /the JSON inside <localization> does not parse/);
  });

  it('fails with modelReplyMalformed when the repaired answer is unreadable too', async () => {
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, content: 'Probably the invoice module.' },
        { when: { lastUserIncludes: repairMarker }, content: '<localization>{"files": "billing/invoice.py"}</localization>' },
      ],
    });
    const err = await rejectsWithReason(runLocalize({ task }, localizeContext(root, server)), 'modelReplyMalformed', /even after one retry: "files" must be a JSON array\./);
    assert.equal(err.detail, '<localization>{"files": "billing/invoice.py"}</localization>');
    assert.equal(server.chatRequests().length, 2, 'exactly one repair turn');
  });

  it('does not repair a readable first answer', async () => {
    const server = await startServer({ replies: [{ content: localizationReply(['billing/invoice.py']) }, { content: 'unexpected second request', times: Infinity }] });
    const { result } = await runLocalize({ task }, localizeContext(root, server));
    assert.equal(result.repaired, false);
    assert.equal(server.chatRequests().length, 1);
  });
});
