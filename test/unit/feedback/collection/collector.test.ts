import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FeedbackCollector, type FeedbackCollectorInit } from '../../../../src/core/feedback/collector';
import type { CollectionDestination } from '../../../../src/core/feedback/collectionTypes';
import { HttpDestination } from '../../../../src/core/feedback/httpDestination';
import { OtlpDestination } from '../../../../src/core/feedback/otlpDestination';
import { FeedbackReceiver } from '../../../support/feedbackReceiver';
import { OtlpReceiver } from '../../../support/otlpReceiver';
import { makeTempDir, removeTempDirs } from '../../helpers/paths';
import { FakeClock, records } from './helpers';

const started: Array<{ stop(): Promise<void> }> = [];
const collectors: FeedbackCollector[] = [];
after(async () => {
  for (const c of collectors) c.dispose();
  await Promise.all(started.map((r) => r.stop()));
  removeTempDirs();
});

async function feedbackReceiver(token?: string): Promise<FeedbackReceiver> {
  const r = await new FeedbackReceiver({ token }).start();
  started.push(r);
  return r;
}

interface Setup {
  folder?: string;
  destinations: CollectionDestination[];
  options?: FeedbackCollectorInit['options'];
}

function collector(setup: Setup): { collector: FeedbackCollector; clock: FakeClock; folder: string; logs: string[] } {
  const clock = new FakeClock();
  const logs: string[] = [];
  const folder = setup.folder ?? path.join(makeTempDir('collector'), 'collection');
  const c = new FeedbackCollector({
    folder,
    destinations: setup.destinations,
    options: { backoff: { initialMs: 100, factor: 2, maxMs: 1000, jitter: 0.5 }, ...setup.options },
    clock,
    random: () => 0,
    log: (level, message) => logs.push(`${level}: ${message}`),
    queue: { durable: false },
  });
  collectors.push(c);
  return { collector: c, clock, folder, logs };
}

const ids = (events: Array<{ id: string }>) => events.map((e) => e.id);
const idRange = (from: number, count: number) => ids(records(from, count));
const batchSizes = (r: FeedbackReceiver) => r.accepted().map((req) => req.body.split('\n').length - 1);
const status = (c: FeedbackCollector, id = 'http') => c.status().destinations.find((d) => d.id === id)!;

describe('FeedbackCollector', () => {
  it('does nothing without a destination: no folder, no file, no timer, nothing sent', async () => {
    const { collector: c, clock, folder } = collector({ destinations: [] });
    c.submit(records(0, 3));
    await c.flush();
    assert.equal(c.enabled, false);
    assert.equal(fs.existsSync(folder), false);
    assert.deepEqual(clock.pendingDelays(), []);
    assert.deepEqual(c.status(), { enabled: false, destinations: [] });
  });

  it('splits what is queued into batches by event count and by bytes, in order, with the bearer token', async () => {
    const r = await feedbackReceiver('team-token');
    const byCount = collector({ destinations: [new HttpDestination({ url: r.endpoint, token: 'team-token' })], options: { batchMaxEvents: 3 } });
    byCount.collector.submit(records(0, 7));
    await byCount.collector.flush();
    assert.deepEqual(batchSizes(r), [3, 3, 1]);
    assert.deepEqual(ids(r.acceptedEvents()), idRange(0, 7));
    assert.ok(r.requests.every((req) => req.headers.authorization === 'Bearer team-token'));
    assert.equal(status(byCount.collector).queued, 0);

    const r2 = await feedbackReceiver();
    const lineBytes = Buffer.byteLength(JSON.stringify(records(0, 1, 500)[0])) + 1;
    const byBytes = collector({ destinations: [new HttpDestination({ url: r2.endpoint })], options: { batchMaxBytes: lineBytes * 2 + 5 } });
    byBytes.collector.submit(records(0, 5, 500));
    await byBytes.collector.flush();
    assert.deepEqual(batchSizes(r2), [2, 2, 1]);
  });

  it('retries after 503 with exponential backoff and delivers every event exactly once', async () => {
    const r = await feedbackReceiver();
    const { collector: c, clock } = collector({ destinations: [new HttpDestination({ url: r.endpoint })], options: { flushIntervalMs: 60_000 } });
    r.failNext(2, { status: 503 });
    c.submit(records(0, 5));
    await c.flush();
    assert.equal(r.requests.length, 1);
    assert.match(status(c).lastError!.message, /HTTP 503/);
    assert.equal(status(c).queued, 5);
    assert.deepEqual(clock.pendingDelays(), [100, 60_000], 'first retry after the initial backoff');

    clock.advance(100);
    await r.waitFor(() => r.requests.length === 2, 'the first retry');
    await c.flush(); // joins the retry in progress (or finds the backoff), never sends twice at once
    assert.deepEqual(clock.pendingDelays(), [200, 60_000], 'the backoff doubled');

    clock.advance(200);
    await r.waitForEvents(5);
    await c.flush();
    assert.deepEqual(r.requests.map((req) => req.status), [503, 503, 202]);
    assert.deepEqual(ids(r.acceptedEvents()), idRange(0, 5));
    assert.equal(status(c).queued, 0);
    assert.equal(status(c).lastSuccessTime, new Date(clock.now()).toISOString());
  });

  it('honours Retry-After on 429 instead of its own backoff, even when asked to flush now', async () => {
    const r = await feedbackReceiver();
    const { collector: c, clock } = collector({ destinations: [new HttpDestination({ url: r.endpoint })], options: { flushIntervalMs: 60_000 } });
    r.failNext(1, { status: 429, retryAfter: '2' });
    c.submit(records(0, 2));
    await c.flush();
    assert.deepEqual(clock.pendingDelays(), [2000, 60_000]);
    clock.advance(1000);
    await c.flush({ force: true });
    assert.equal(r.requests.length, 1, 'no request before the Retry-After time');
    assert.equal(status(c).nextAttemptTime, new Date(clock.now() + 1000).toISOString());
    clock.advance(1000);
    await r.waitForEvents(2);
    assert.deepEqual(ids(r.acceptedEvents()), idRange(0, 2));
  });

  it('drops a batch the receiver refuses for good (400), says why, and goes on with the next', async () => {
    const r = await feedbackReceiver();
    const { collector: c, logs } = collector({ destinations: [new HttpDestination({ url: r.endpoint })], options: { batchMaxEvents: 2 } });
    r.failNext(1, { status: 400, body: 'unknown schema version' });
    c.submit(records(0, 4));
    await c.flush();
    assert.deepEqual(r.requests.map((req) => req.status), [400, 202]);
    assert.deepEqual(ids(r.acceptedEvents()), idRange(2, 2));
    const row = status(c);
    assert.equal(row.rejected, 2);
    assert.equal(row.delivered, 2);
    assert.equal(row.queued, 0);
    assert.match(row.lastError!.message, /dropped 2 event\(s\).*HTTP 400: unknown schema version/);
    assert.ok(logs.some((line) => line.startsWith('error: HTTP') && line.includes('unknown schema version')));
    await c.flush();
    assert.equal(r.requests.length, 2, 'the refused batch is never sent again');
  });

  it('halves batches after 413 instead of dropping them', async () => {
    const r = await feedbackReceiver();
    const { collector: c } = collector({ destinations: [new HttpDestination({ url: r.endpoint })] });
    r.failNext(1, { status: 413 });
    c.submit(records(0, 4));
    await c.flush();
    assert.deepEqual(batchSizes(r), [2, 2]);
    assert.deepEqual(ids(r.acceptedEvents()), idRange(0, 4));
    assert.equal(status(c).rejected, 0);
  });

  it('pauses on 401 keeping the events, and resumes on a forced flush', async () => {
    const r = await feedbackReceiver('right');
    const { collector: c } = collector({ destinations: [new HttpDestination({ url: r.endpoint, token: 'right' })] });
    r.failNext(1, { status: 401 });
    c.submit(records(0, 3));
    await c.flush();
    await c.flush();
    assert.equal(r.requests.length, 1, 'no further attempts while paused');
    assert.equal(status(c).paused, true);
    assert.equal(status(c).queued, 3);
    await c.flush({ force: true });
    assert.deepEqual(ids(r.acceptedEvents()), idRange(0, 3));
  });

  it('keeps events on disk while the receiver is down; a new collector over the folder delivers them when it is back', async () => {
    const r = await feedbackReceiver();
    await r.stop();
    const first = collector({ destinations: [new HttpDestination({ url: r.endpoint })] });
    first.collector.submit(records(0, 6));
    await first.collector.flush();
    assert.match(status(first.collector).lastError!.message, /ECONNREFUSED/);
    const queueDir = path.join(first.folder, 'http');
    const onDisk = fs.readdirSync(queueDir).filter((n) => n.startsWith('segment-')).map((n) => fs.readFileSync(path.join(queueDir, n), 'utf8'));
    assert.equal(onDisk.join('').trim().split('\n').length, 6);
    first.collector.dispose();

    await r.start();
    const second = collector({ folder: first.folder, destinations: [new HttpDestination({ url: r.endpoint })] });
    assert.equal(status(second.collector).queued, 6);
    second.collector.submit(records(6, 1));
    await second.collector.flush();
    assert.deepEqual(ids(r.acceptedEvents()), idRange(0, 7));
  });

  it('gives each destination its own queue: one that is down does not hold up the other', async () => {
    const http = await feedbackReceiver();
    await http.stop();
    const otlp = await new OtlpReceiver().start();
    started.push(otlp);
    const { collector: c, folder } = collector({ destinations: [new HttpDestination({ url: http.endpoint }), new OtlpDestination({ endpoint: otlp.url })] });
    c.submit(records(0, 3));
    await c.flush();
    assert.deepEqual(otlp.rejections, []);
    assert.deepEqual(otlp.logRecords().map((lr) => JSON.parse(lr.body.stringValue).id), idRange(0, 3));
    assert.equal(status(c, 'otlp').queued, 0);
    assert.equal(status(c, 'http').queued, 3);
    assert.deepEqual(fs.readdirSync(folder).sort(), ['http', 'otlp']);
  });

  it('never sends two batches to one destination at once; a dispose mid-send leaves the batch queued for the next start', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const sent: string[] = [];
    let release: (() => void) | undefined;
    const slow: CollectionDestination = {
      id: 'slow',
      label: 'slow',
      async send(batch, signal) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((resolve) => {
          release = resolve;
          signal.addEventListener('abort', () => resolve());
        });
        inFlight--;
        if (signal.aborted) return { kind: 'retryable', reason: 'cancelled' };
        sent.push(...batch.events.map((e) => e.id));
        return { kind: 'delivered', status: 200 };
      },
    };
    const { collector: c, folder } = collector({ destinations: [slow], options: { batchMaxEvents: 2 } });
    c.submit(records(0, 2));
    const flushes = [c.flush(), c.flush(), c.flush({ force: true })];
    c.submit(records(2, 2)); // reaches batchMaxEvents: asks for a flush too
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(status(c, 'slow').sending, true);
    release!();
    await new Promise((resolve) => setImmediate(resolve));
    c.dispose(); // aborts the second batch mid-send
    await Promise.all(flushes);
    assert.equal(maxInFlight, 1);
    assert.deepEqual(sent, ['r0000', 'r0001']);

    const next = collector({ folder, destinations: [{ ...slow, send: async (batch) => (sent.push(...batch.events.map((e) => e.id)), { kind: 'delivered', status: 200 }) }] });
    await next.collector.flush();
    assert.deepEqual(sent, ['r0000', 'r0001', 'r0002', 'r0003']);
  });

  it('flushes on its interval timer and tells listeners about status changes', async () => {
    const r = await feedbackReceiver();
    const { collector: c, clock } = collector({ destinations: [new HttpDestination({ url: r.endpoint })], options: { flushIntervalMs: 5000 } });
    const seen: number[] = [];
    c.onDidChangeStatus((s) => seen.push(s.destinations[0].queued));
    c.submit(records(0, 2));
    assert.equal(r.requests.length, 0, 'submit alone does not send below batchMaxEvents');
    clock.advance(5000);
    await r.waitForEvents(2);
    await c.flush(); // joins the timer's flush in progress
    assert.equal(status(c).queued, 0);
    assert.ok(seen.includes(2) && seen.includes(0), `listener saw ${seen.join(',')}`);
    assert.deepEqual(clock.pendingDelays(), [5000], 'the interval re-armed');
  });
});
