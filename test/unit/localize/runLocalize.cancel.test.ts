// runLocalize stops with 'cancelled' when its AbortSignal fires: up front, while the model answers, between tool rounds.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runLocalize } from '../../../src/core/skills/localize/localizeSkill';
import { rejectsWithReason } from '../helpers/assertions';
import { closeServers, startServer } from '../helpers/servers';
import { closeIndexes, localizationReply, localizeContext, localizeFixture } from './localizeSupport';

after(async () => {
  await closeServers();
  await closeIndexes();
});

const root = localizeFixture('python-billing');
const task = 'Invoice.apply_discount returns the discount instead of the discounted total.';

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('runLocalize cancellation', () => {
  it('rejects with "cancelled" promptly when aborted while the model has not answered', async () => {
    const server = await startServer({ replies: [{ delayMs: 10_000, content: localizationReply(['billing/invoice.py']) }] });
    const controller = new AbortController();
    const started = Date.now();
    const running = runLocalize({ task }, localizeContext(root, server, { signal: controller.signal }));
    await until(() => server.chatRequests().length === 1);
    controller.abort();
    await rejectsWithReason(running, 'cancelled');
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(server.chatRequests().length, 1, 'no retry or repair after a cancellation');
  });

  it('rejects with "cancelled" without asking the model when aborted up front, also for retrieval only', async () => {
    const server = await startServer({ replies: [{ content: localizationReply(['billing/invoice.py']), times: Infinity }] });
    for (const retrievalOnly of [false, true]) {
      const controller = new AbortController();
      controller.abort();
      await rejectsWithReason(runLocalize({ task, retrievalOnly }, localizeContext(root, server, { signal: controller.signal })), 'cancelled');
    }
    assert.equal(server.requests.length, 0);
  });

  it('stops between tool rounds: no further request after an abort during a tool call', async () => {
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, toolCalls: [{ name: 'find_symbol', arguments: { name: 'apply_discount' } }], times: Infinity },
      ],
    });
    const controller = new AbortController();
    const ctx = localizeContext(root, server, { signal: controller.signal });
    ctx.progress = (message) => {
      if (message.startsWith('find_symbol')) controller.abort();
    };
    await rejectsWithReason(runLocalize({ task }, ctx), 'cancelled');
    assert.equal(server.chatRequests().length, 1);
  });
});
