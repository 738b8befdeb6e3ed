// runReview stops with 'cancelled' when its signal is aborted while the model is answering.
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

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('runReview cancellation', () => {
  it('rejects with "cancelled" promptly when aborted while the server has not answered yet', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ delayMs: 10_000, content: reviewReply('YES') }] });
    const controller = new AbortController();
    const ctx = await reviewContext(repo.dir, server, { signal: controller.signal });
    const started = Date.now();
    const running = runReview({}, ctx);
    await until(() => server.chatRequests().length === 1);
    controller.abort();
    await rejectsWithReason(running, 'cancelled');
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(server.chatRequests().length, 1, 'no retry after a cancellation');
  });

  it('rejects with "cancelled" when aborted in the middle of a streamed answer', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ chunkDelayMs: 200, content: reviewReply('YES', [], 'A long review text that arrives in many small pieces.') }] });
    const controller = new AbortController();
    const ctx = await reviewContext(repo.dir, server, { signal: controller.signal });
    const parts: string[] = [];
    ctx.onPart = (part) => {
      if (part.type === 'text') parts.push(part.text);
      if (parts.length === 2) controller.abort();
    };
    await rejectsWithReason(runReview({}, ctx), 'cancelled');
    assert.equal(parts.length, 2, 'nothing more arrives after the abort');
  });

  it('rejects with "cancelled" before contacting the model when aborted up front', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ content: reviewReply('YES') }] });
    const controller = new AbortController();
    controller.abort();
    await rejectsWithReason(runReview({}, await reviewContext(repo.dir, server, { signal: controller.signal })), 'cancelled');
    assert.equal(server.chatRequests().length, 0);
  });
});
