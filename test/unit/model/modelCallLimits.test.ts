// Model calls that never hang: the whole-reply deadline, the progress-only idle timer, retries shown
// as progress, Retry-After honoured up to a cap, and the reply size cap, against misbehaving servers.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import { OpenAiCompatibleModel, type OpenAiCompatibleModelOptions } from '../../../src/core/model/openAiCompatibleModel';
import { askedWaitMs } from '../../../src/core/model/retryPolicy';
import type { ChatRequest } from '../../../src/core/model/types';
import { parseRetryAfter } from '../../../src/core/retryAfter';
import { deltaEvent, emptyContent, emptyDelta, keepAliveComment, startHostileModelServer, type HostileBehaviour, type HostileModelServer } from '../../support/hostileModelServer';

const servers: HostileModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function hostile(...behaviours: HostileBehaviour[]): Promise<HostileModelServer> {
  const server = await startHostileModelServer(behaviours);
  servers.push(server);
  return server;
}

function modelAt(server: HostileModelServer, options: Partial<OpenAiCompatibleModelOptions>) {
  return new OpenAiCompatibleModel({ baseUrl: server.url, model: 'm', timeoutMs: 5000, replyTimeoutMs: 10_000, maxRetries: 0, ...options });
}

function ask(extra: Partial<ChatRequest> = {}) {
  const statuses: string[] = [];
  const texts: string[] = [];
  const request: ChatRequest = {
    messages: [{ role: 'user', content: 'x' }],
    signal: new AbortController().signal,
    onStatus: (m) => statuses.push(m),
    onPart: (p) => p.type === 'text' && texts.push(p.text),
    ...extra,
  };
  return { request, statuses, texts };
}

/** Awaits the rejection; returns it with the time it took. */
async function failure(promise: Promise<unknown>): Promise<{ err: AtomicError; ms: number }> {
  const started = Date.now();
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AtomicError, `expected an AtomicError, got ${String(err)}`);
    return { err, ms: Date.now() - started };
  }
  assert.fail('expected the call to fail');
}

describe('a stream that never finishes', () => {
  it('empty events and keep-alives forever fail by the whole-reply deadline, saying so', async () => {
    for (const event of [emptyDelta, emptyContent + keepAliveComment]) {
      const server = await hostile({ kind: 'drip', everyMs: 30, event });
      const { request } = ask();
      const { err, ms } = await failure(modelAt(server, { timeoutMs: 5000, replyTimeoutMs: 600 }).chat(request));
      assert.equal(err.reason, 'endpointUnreachable');
      assert.match(err.message, /did not finish its reply within 600 ms, the limit for a whole reply \(atomicSkills\.model\.replyTimeoutSeconds\); it had sent only empty events/);
      assert.ok(ms >= 550 && ms < 2000, `${ms} ms`);
      await until(() => server.requests[0].closedAt !== undefined);
    }
  });

  it('empty events do not restart the idle timer: the attempt ends after the answer timeout, and is retried', async () => {
    const server = await hostile({ kind: 'drip', everyMs: 30, event: emptyDelta + keepAliveComment });
    const { request, statuses } = ask();
    const { err, ms } = await failure(modelAt(server, { timeoutMs: 300, maxRetries: 1 }).chat(request));
    assert.match(err.message, /No answer from the model endpoint at http:\/\/127\.0\.0\.1:\d+\/v1 after 2 attempts of 300 ms each \(it sent only empty events\), \d+ ms in all\. Check that the server is running/);
    assert.deepEqual(statuses.length, 1);
    assert.match(statuses[0], /sent no reply within 300 ms \(only empty events\); retrying \(attempt 2 of 2\)…$/);
    assert.ok(ms >= 580 && ms < 1500, `${ms} ms`);
    assert.equal(server.requests.length, 2);
  });

  it('an endless content stream is bounded by the deadline, and a fast one by the reply size cap', async () => {
    const slow = await hostile({ kind: 'endless', everyMs: 10, text: 'more ' });
    const { request, texts } = ask();
    const { err, ms } = await failure(modelAt(slow, { timeoutMs: 300, replyTimeoutMs: 700, maxRetries: 2 }).chat(request));
    assert.match(err.message, /did not finish its reply within 700 ms.*; it had sent \d+ characters\./);
    assert.ok(ms >= 650 && ms < 2000, `${ms} ms`);
    assert.ok(texts.length > 5, 'content streamed until the deadline');
    assert.equal(slow.requests.length, 1, 'a reply that started is never retried');

    const fast = await hostile({ kind: 'endless', everyMs: 0, text: 'x'.repeat(1000) });
    const capped = await failure(modelAt(fast, { replyTimeoutMs: 20_000, maxReplyChars: 50_000 }).chat(ask().request));
    assert.equal(capped.err.reason, 'modelReplyMalformed');
    assert.match(capped.err.message, /reply passed 50000 characters without finishing and was stopped/);
    assert.ok(capped.ms < 2000, `${capped.ms} ms`);
    await until(() => fast.requests[0].closedAt !== undefined);
  });

  it('a stream cut before any reply is retried, and says so; one cut after content is not', async () => {
    const server = await hostile({ kind: 'cut' }, { kind: 'reply', content: 'second time lucky' });
    const { request, statuses } = ask();
    assert.equal((await modelAt(server, { maxRetries: 1 }).chat(request)).text, 'second time lucky');
    assert.equal(statuses.length, 1);
    assert.match(statuses[0], /broke before any reply; retrying in \d+ ms \(attempt 2 of 2\)…$/);
    const always = await hostile({ kind: 'cut' });
    const { err } = await failure(modelAt(always, { maxRetries: 1 }).chat(ask().request));
    assert.match(err.message, /was cut before the reply finished.* Tried 2 times over \d+ ms\.$/);
    assert.equal(always.requests.length, 2);
  });

  it('a stream that stops after some content fails by the idle timer and is not retried', async () => {
    const server = await hostile({ kind: 'stall', text: 'half an answer' });
    const { request, texts } = ask();
    const { err, ms } = await failure(modelAt(server, { timeoutMs: 300, maxRetries: 2 }).chat(request));
    assert.match(err.message, /stopped sending its reply within 300 ms/);
    assert.deepEqual(texts, ['half an answer']);
    assert.ok(ms < 1500, `${ms} ms`);
    assert.equal(server.requests.length, 1);
  });

  it('reasoning counts as progress: a model thinking longer than the answer timeout still answers', async () => {
    const thinking = Array.from({ length: 6 }, () => deltaEvent({ reasoning_content: 'hmm ' }));
    const server = await hostile({ kind: 'reply', content: 'done thinking', before: thinking, gapMs: 120 });
    const { request } = ask();
    const response = await modelAt(server, { timeoutMs: 300 }).chat(request);
    assert.equal(response.text, 'done thinking');
  });
});

describe('a server that never answers', () => {
  it('each retry is reported as progress, and the final error states the attempts and the real total', async () => {
    const server = await hostile({ kind: 'silent' });
    const { request, statuses } = ask();
    const started = Date.now();
    const { err } = await failure(modelAt(server, { timeoutMs: 250, maxRetries: 2 }).chat(request));
    const ms = Date.now() - started;
    assert.equal(err.reason, 'endpointUnreachable');
    assert.deepEqual(
      statuses.map((s) => s.replace(/\d+/g, 'N')),
      ['The model endpoint at http://N.N.N.N:N/vN did not answer within N ms; retrying (attempt N of N)…', 'The model endpoint at http://N.N.N.N:N/vN did not answer within N ms; retrying (attempt N of N)…'],
    );
    assert.match(statuses[0], /within 250 ms; retrying \(attempt 2 of 3\)/);
    assert.match(statuses[1], /\(attempt 3 of 3\)/);
    const total = Number(/, (\d+) ms in all\./.exec(err.message)?.[1]);
    assert.match(err.message, /^No answer from the model endpoint at http:\/\/127\.0\.0\.1:\d+\/v1 after 3 attempts of 250 ms each, \d+ ms in all\. .*atomicSkills\.model\.requestTimeoutSeconds/);
    assert.ok(total >= 750 && total <= ms, `stated ${total} ms, took ${ms} ms`);
    assert.ok(ms < 2000, `${ms} ms`);
    assert.equal(server.requests.length, 3);
  });

  it('the whole-reply deadline also bounds the retries', async () => {
    const server = await hostile({ kind: 'silent' });
    const { err, ms } = await failure(modelAt(server, { timeoutMs: 300, replyTimeoutMs: 500, maxRetries: 5 }).chat(ask().request));
    assert.match(err.message, /did not finish its reply within 500 ms.*it had not answered/);
    assert.ok(ms < 1500, `${ms} ms`);
    assert.equal(server.requests.length, 2);
  });
});

describe('HTTP 429 and Retry-After', () => {
  it('waits the Retry-After seconds it is given, says so, then succeeds', async () => {
    const server = await hostile({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, message: 'Slow down' }, { kind: 'reply', content: 'ok now' });
    const { request, statuses } = ask();
    const response = await modelAt(server, { maxRetries: 2 }).chat(request);
    assert.equal(response.text, 'ok now');
    assert.equal(statuses.length, 1);
    assert.match(statuses[0], /is limiting requests \(HTTP 429\); waiting 1 s as it asks \(attempt 2 of 3\)…$/);
    const waited = server.requests[1].at - server.requests[0].at;
    assert.ok(waited >= 950 && waited < 2000, `${waited} ms`);
  });

  it('retry-after-ms wins over Retry-After; an HTTP date is read as a time', async () => {
    const ms = await hostile({ kind: 'status', status: 429, headers: { 'retry-after-ms': '200', 'retry-after': '3600' } }, { kind: 'reply', content: 'a' });
    assert.equal((await modelAt(ms, { maxRetries: 1 }).chat(ask().request)).text, 'a');
    const waitedMs = ms.requests[1].at - ms.requests[0].at;
    assert.ok(waitedMs >= 180 && waitedMs < 1000, `${waitedMs} ms`);

    const date = new Date(Date.now() + 2000).toUTCString();
    const dated = await hostile({ kind: 'status', status: 503, headers: { 'retry-after': date } }, { kind: 'reply', content: 'b' });
    const { request, statuses } = ask();
    assert.equal((await modelAt(dated, { maxRetries: 1 }).chat(request)).text, 'b');
    assert.match(statuses[0], /answered HTTP 503; waiting [\d.]+ (s|ms) as it asks/);
    const waitedDate = dated.requests[1].at - dated.requests[0].at;
    assert.ok(waitedDate >= 800 && waitedDate < 2600, `${waitedDate} ms`);
  });

  it('a Retry-After beyond the cap fails at once, saying when to try again', async () => {
    for (const maxRetries of [2, 0]) {
      const server = await hostile({ kind: 'status', status: 429, headers: { 'retry-after': '3600' }, message: 'Rate limit reached' });
      const before = Date.now();
      const { err, ms } = await failure(modelAt(server, { maxRetries }).chat(ask().request));
      assert.equal(err.reason, 'endpointError');
      assert.match(err.message, /is limiting requests \(HTTP 429: Rate limit reached\) and asks to wait 3600 s, longer than the 30 s Atomic Skills waits\. Try again after (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/);
      const when = Date.parse(`${/after (\S+ \S+) UTC/.exec(err.message)![1].replace(' ', 'T')}Z`);
      assert.ok(Math.abs(when - (before + 3_600_000)) < 3000, 'the time to try again is an hour from now');
      assert.ok(ms < 500, `${ms} ms`);
      assert.equal(server.requests.length, 1);
    }
  });

  it('a wait longer than what is left of the whole-reply limit fails at once', async () => {
    const server = await hostile({ kind: 'status', status: 429, headers: { 'retry-after': '5' } });
    const { err, ms } = await failure(modelAt(server, { maxRetries: 2, replyTimeoutMs: 2000 }).chat(ask().request));
    assert.match(err.message, /asks to wait 5 s, more than is left of the 2 s limit for a whole reply/);
    assert.ok(ms < 500, `${ms} ms`);
  });

  it('cancelling during the Retry-After wait rejects at once as cancelled', async () => {
    const server = await hostile({ kind: 'status', status: 429, headers: { 'retry-after': '20' } }, { kind: 'reply', content: 'never' });
    const controller = new AbortController();
    const { request, statuses } = ask({ signal: controller.signal });
    const call = modelAt(server, { maxRetries: 2, replyTimeoutMs: 60_000 }).chat(request);
    await until(() => statuses.length === 1);
    const abortedAt = Date.now();
    controller.abort();
    const { err } = await failure(call);
    assert.equal(err.reason, 'cancelled');
    assert.ok(Date.now() - abortedAt < 200, `${Date.now() - abortedAt} ms`);
    assert.match(statuses[0], /waiting 20 s as it asks/);
    assert.equal(server.requests.length, 1);
  });

  it('without Retry-After, 503 is retried with backoff, each retry reported, and the final error counts the attempts', async () => {
    const server = await hostile({ kind: 'status', status: 503, message: 'overloaded' });
    const { request, statuses } = ask();
    const { err } = await failure(modelAt(server, { maxRetries: 2 }).chat(request));
    assert.match(err.message, /answered HTTP 503: overloaded Tried 3 times over [\d.]+ s\.$/);
    assert.equal(statuses.length, 2);
    assert.match(statuses[0], /answered HTTP 503; retrying in \d+ ms \(attempt 2 of 3\)…/);
    assert.equal(server.requests.length, 3);
  });
});

describe('reading the wait a server asks for', () => {
  it('seconds, fractions, HTTP dates and retry-after-ms; nonsense is ignored', () => {
    const now = Date.parse('Thu, 02 Jan 2025 03:04:05 GMT');
    assert.equal(parseRetryAfter('1.5', now), 1500);
    assert.equal(parseRetryAfter('86400', now, Infinity), 86_400_000);
    assert.equal(parseRetryAfter('Thu, 02 Jan 2025 03:04:15 GMT', now), 10_000);
    assert.equal(parseRetryAfter('-3', now), undefined);
    assert.equal(parseRetryAfter('1 2', now), undefined);
    const headers = (h: Record<string, string>) => new Headers(h);
    assert.equal(askedWaitMs(headers({ 'retry-after-ms': '250.5', 'retry-after': '9' }), now), 250.5);
    assert.equal(askedWaitMs(headers({ 'retry-after-ms': 'soon', 'retry-after': '9' }), now), 9000);
    assert.equal(askedWaitMs(headers({}), now), undefined);
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
