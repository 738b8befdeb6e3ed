import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import type { CollectionBatch, SendResult } from '../../../../src/core/feedback/collectionTypes';
import { HttpDestination } from '../../../../src/core/feedback/httpDestination';
import { parseRetryAfter } from '../../../../src/core/feedback/httpSend';
import { closedPort } from '../../../support/closedPort';
import { FeedbackReceiver, parseNdjson } from '../../../support/feedbackReceiver';
import { labelEvent, records } from './helpers';

const receivers: FeedbackReceiver[] = [];
const rawServers: http.Server[] = [];
after(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  for (const server of rawServers) {
    server.closeAllConnections();
    server.close();
  }
});

async function receiver(options?: { token?: string }): Promise<FeedbackReceiver> {
  const r = await new FeedbackReceiver(options).start();
  receivers.push(r);
  return r;
}

function batchOf(events: CollectionBatch['events']): CollectionBatch {
  const lines = events.map((e) => JSON.stringify(e));
  return { events, lines, bytes: lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) };
}

const send = (destination: HttpDestination, batch = batchOf(records(0, 2))): Promise<SendResult> => destination.send(batch, new AbortController().signal);

describe('HttpDestination', () => {
  it('POSTs the batch as application/x-ndjson, one queued line per line, with the bearer token', async () => {
    const r = await receiver({ token: 'sekrit' });
    const events = [...records(0, 2), labelEvent(0, 'r0000')];
    const result = await send(new HttpDestination({ url: r.endpoint, token: 'sekrit', headers: { 'x-team': 'web' }, userAgent: 'atomic-skills/9.9.9' }), batchOf(events));
    assert.deepEqual(result, { kind: 'delivered', status: 202 });
    const [request] = r.requests;
    assert.equal(request.headers.authorization, 'Bearer sekrit');
    assert.equal(request.headers['content-type'], 'application/x-ndjson');
    assert.equal(request.headers['x-team'], 'web');
    assert.equal(request.headers['user-agent'], 'atomic-skills/9.9.9');
    assert.equal(request.body, events.map((e) => JSON.stringify(e) + '\n').join(''));
    assert.deepEqual(parseNdjson(request.body), events);
  });

  it('sends no Authorization header without a token', async () => {
    const r = await receiver();
    await send(new HttpDestination({ url: r.endpoint }));
    assert.equal(r.requests[0].headers.authorization, undefined);
  });

  it('classifies answers: 5xx, 408 and 429 retryable (Retry-After read), 401 unauthorized, other 4xx permanent with the reason', async () => {
    const r = await receiver();
    const destination = new HttpDestination({ url: r.endpoint });
    r.failNext(1, { status: 503 });
    assert.deepEqual(await send(destination), { kind: 'retryable', status: 503, reason: 'HTTP 503: scripted 503', retryAfterMs: undefined });
    r.failNext(1, { status: 500 });
    assert.equal((await send(destination)).kind, 'retryable');
    r.failNext(1, { status: 408 });
    assert.equal((await send(destination)).kind, 'retryable');
    r.failNext(1, { status: 429, retryAfter: '7' });
    assert.deepEqual(await send(destination), { kind: 'retryable', status: 429, reason: 'HTTP 429: scripted 429', retryAfterMs: 7000 });
    r.failNext(1, { status: 400, body: 'field "skill" missing' });
    assert.deepEqual(await send(destination), { kind: 'permanent', status: 400, reason: 'HTTP 400: field "skill" missing' });
    r.failNext(1, { status: 401 });
    assert.equal((await send(destination)).kind, 'unauthorized');
    const wrongPath = await send(new HttpDestination({ url: `${r.url}/nope` }));
    assert.equal(wrongPath.kind, 'permanent');
  });

  it('does not follow a redirect (the token must not go elsewhere) and says where it pointed', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(307, { location: 'http://elsewhere.invalid/feedback' });
      res.end();
    });
    rawServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feedback`;
    const result = await send(new HttpDestination({ url, token: 't' }));
    assert.equal(result.kind, 'permanent');
    assert.match((result as { reason: string }).reason, /307 redirect to http:\/\/elsewhere\.invalid\/feedback/);
  });

  it('reports a refused connection and a time limit as retryable', async () => {
    const refused = await send(new HttpDestination({ url: `http://127.0.0.1:${await closedPort()}/feedback` }));
    assert.equal(refused.kind, 'retryable');
    assert.match((refused as { reason: string }).reason, /ECONNREFUSED/);

    const silent = http.createServer(() => undefined); // never answers
    rawServers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/feedback`;
    const timedOut = await send(new HttpDestination({ url, timeoutMs: 200 }));
    assert.deepEqual(timedOut, { kind: 'retryable', reason: 'no answer within 200 ms' });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, clamps, and ignores garbage', () => {
    const now = Date.parse('2025-01-02T03:04:05Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Thu, 02 Jan 2025 03:04:35 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Thu, 02 Jan 2025 03:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('999999', now), 3_600_000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
