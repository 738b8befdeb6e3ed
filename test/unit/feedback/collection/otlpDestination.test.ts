import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { CollectionBatch } from '../../../../src/core/feedback/collectionTypes';
import type { FeedbackEvent } from '../../../../src/core/feedback/feedbackTypes';
import { OtlpDestination, otlpLogsUrl } from '../../../../src/core/feedback/otlpDestination';
import { encodeLogsRequest, toAnyValue } from '../../../../src/core/feedback/otlpLogs';
import { OtlpReceiver } from '../../../support/otlpReceiver';
import { otlpLogsProblems } from '../../../support/otlpShape';
import { labelEvent, recordEvent, records } from './helpers';

const receivers: OtlpReceiver[] = [];
after(() => Promise.all(receivers.map((r) => r.stop())));

async function receiver(options?: { token?: string }): Promise<OtlpReceiver> {
  const r = await new OtlpReceiver(options).start();
  receivers.push(r);
  return r;
}

function batchOf(events: FeedbackEvent[]): CollectionBatch {
  const lines = events.map((e) => JSON.stringify(e));
  return { events, lines, bytes: lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) };
}

const signal = () => new AbortController().signal;
const attribute = (record: { attributes: Array<{ key: string; value: unknown }> }, key: string) => record.attributes.find((a) => a.key === key)?.value;

const mixed: FeedbackEvent[] = [
  { ...recordEvent(1), step: { workflow: 'fixIssue', runId: 'run-1', index: 2 } },
  labelEvent(1, 'r0001'),
  { v: 1, type: 'label', id: 'l0002', time: '2025-01-02T03:04:07.000Z', session: 's1', recordId: 'r0001', label: { kind: 'check', name: 'tests', passed: false, value: 0.25 } },
  { v: 1, type: 'label', id: 'l0003', time: 'not a time', session: 's1', recordId: 'r0001', label: { kind: 'survival', afterSeconds: 600, share: 0.75 } },
];

describe('encodeLogsRequest', () => {
  it('writes the OTLP JSON encoding: nesting, decimal-string times and ints, one AnyValue field each', () => {
    const request = encodeLogsRequest(mixed, undefined, Date.parse('2025-01-02T12:00:00.000Z'), { serviceVersion: '0.1.0', attributes: { team: 'web' } });
    assert.deepEqual(otlpLogsProblems(request), []);
    const [resourceLogs] = request.resourceLogs;
    assert.deepEqual(resourceLogs.resource.attributes, [
      { key: 'service.name', value: { stringValue: 'atomic-skills' } },
      { key: 'service.version', value: { stringValue: '0.1.0' } },
      { key: 'team', value: { stringValue: 'web' } },
    ]);
    assert.deepEqual(resourceLogs.scopeLogs[0].scope, { name: 'atomic-skills.feedback', version: '1' });
    const [record, vote, check, survival] = resourceLogs.scopeLogs[0].logRecords;
    assert.equal(record.timeUnixNano, '1735787045001000000'); // 2025-01-02T03:04:05.001Z
    assert.equal(record.observedTimeUnixNano, '1735819200000000000');
    assert.equal(record.severityText, 'INFO');
    assert.equal(record.severityNumber, 9);
    assert.equal(record.eventName, 'atomic_skills.feedback.record');
    assert.deepEqual(JSON.parse((record.body as { stringValue: string }).stringValue), mixed[0]);
    assert.deepEqual(attribute(record, 'atomic_skills.event.type'), { stringValue: 'record' });
    assert.deepEqual(attribute(record, 'atomic_skills.skill'), { stringValue: 'reviewChanges' });
    assert.deepEqual(attribute(record, 'atomic_skills.record.id'), { stringValue: 'r0001' });
    assert.deepEqual(attribute(record, 'atomic_skills.schema_version'), { intValue: '1' });
    assert.deepEqual(attribute(record, 'atomic_skills.workflow.step_index'), { intValue: '2' });
    assert.deepEqual(attribute(record, 'atomic_skills.metrics'), {
      kvlistValue: { values: [{ key: 'findings', value: { intValue: '3' } }, { key: 'durationMs', value: { doubleValue: 1250.5 } }] },
    });
    assert.deepEqual(attribute(vote, 'atomic_skills.record.id'), { stringValue: 'r0001' });
    assert.deepEqual(attribute(vote, 'atomic_skills.label.kind'), { stringValue: 'vote' });
    assert.deepEqual(attribute(vote, 'atomic_skills.label.value'), { stringValue: 'helpful' });
    assert.equal(attribute(vote, 'atomic_skills.skill'), undefined);
    assert.deepEqual(attribute(check, 'atomic_skills.label.passed'), { boolValue: false });
    assert.deepEqual(attribute(check, 'atomic_skills.label.value'), { doubleValue: 0.25 });
    assert.deepEqual(attribute(survival, 'atomic_skills.label.after_seconds'), { intValue: '600' });
    assert.equal(survival.timeUnixNano, '0', 'an unreadable time is "unknown" (0), not an invalid number');
  });

  it('maps JSON values to AnyValue, non-finite doubles as proto3 JSON strings', () => {
    assert.deepEqual(toAnyValue(NaN), { doubleValue: 'NaN' });
    assert.deepEqual(toAnyValue(-Infinity), { doubleValue: '-Infinity' });
    assert.deepEqual(toAnyValue(2 ** 60), { doubleValue: 2 ** 60 });
    assert.deepEqual(toAnyValue(['a', 1, true]), { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { boolValue: true }] } });
    assert.equal(toAnyValue(null), undefined);
  });
});

describe('otlpLogsUrl', () => {
  it('appends /v1/logs to a base endpoint and keeps a full logs URL', () => {
    assert.equal(otlpLogsUrl('http://127.0.0.1:4318'), 'http://127.0.0.1:4318/v1/logs');
    assert.equal(otlpLogsUrl('http://127.0.0.1:4318/'), 'http://127.0.0.1:4318/v1/logs');
    assert.equal(otlpLogsUrl('https://gw.example.com/otlp/'), 'https://gw.example.com/otlp/v1/logs');
    assert.equal(otlpLogsUrl('https://gw.example.com/otlp/v1/logs'), 'https://gw.example.com/otlp/v1/logs');
  });
});

describe('OtlpDestination against a strict receiver', () => {
  it('delivers records the receiver validates, with content type, token and configured headers', async () => {
    const r = await receiver({ token: 'otel-token' });
    const destination = new OtlpDestination({ endpoint: r.url, token: 'otel-token', headers: { 'x-scope-orgid': 'acme' } });
    const result = await destination.send(batchOf(mixed), signal());
    assert.deepEqual(r.rejections, []);
    assert.deepEqual(result, { kind: 'delivered', status: 200, note: undefined });
    assert.equal(r.requests[0].path, '/v1/logs');
    assert.equal(r.requests[0].headers['x-scope-orgid'], 'acme');
    assert.deepEqual(
      r.logRecords().map((record) => JSON.parse(record.body.stringValue)),
      mixed,
    );
  });

  it('the receiver rejects malformed payloads with 400, which the destination treats as permanent', async () => {
    const r = await receiver();
    const good = encodeLogsRequest(records(0, 1), undefined, 0);
    const record = good.resourceLogs[0].scopeLogs[0].logRecords[0] as unknown as Record<string, unknown>;
    const variants: Array<[string, unknown, RegExp]> = [
      ['intValue as a number', { ...good, resourceLogs: [{ ...good.resourceLogs[0], resource: { attributes: [{ key: 'n', value: { intValue: 5 } }] } }] }, /resource\.attributes\[0\]\.value\.intValue: must be an int64 as a decimal string/],
      ['two value fields', withRecord(good, { ...record, body: { stringValue: 'a', boolValue: true } }), /logRecords\[0\]\.body: must hold exactly one/],
      ['timeUnixNano as a number', withRecord(good, { ...record, timeUnixNano: 1 }), /timeUnixNano: must be a fixed64 as a decimal string/],
      ['snake_case key', withRecord(good, { ...record, severity_text: 'INFO' }), /severity_text: snake_case key/],
      ['severity as a name', withRecord(good, { ...record, severityNumber: 'SEVERITY_NUMBER_INFO' }), /severityNumber: must be an integer/],
      ['no logRecords', { resourceLogs: [{ scopeLogs: [{ scope: { name: 'x' } }] }] }, /logRecords: must be an array/],
      ['base64 trace id', withRecord(good, { ...record, traceId: 'W47/95gDgQPSabYzgT/GDA==' }), /traceId: must be 16 bytes in hex/],
    ];
    for (const [i, [name, payload, problem]] of variants.entries()) {
      const response = await fetch(`${r.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      assert.equal(response.status, 400, name);
      assert.match((await response.json() as { message: string }).message, problem, name);
      assert.equal(r.rejections[i].length, 1, `${name}: exactly one problem, got ${r.rejections[i].join('; ')}`);
    }
    assert.equal(r.rejections.length, variants.length);
    assert.equal(r.accepted().length, 0);

    r.failNext(1, { status: 400, body: '{"code":3,"message":"bad log record"}' });
    const result = await new OtlpDestination({ endpoint: r.url }).send(batchOf(records(0, 1)), signal());
    assert.deepEqual(result, { kind: 'permanent', status: 400, reason: 'HTTP 400: bad log record' });
  });

  it('retries only what the OTLP spec calls retryable, and does not retry a partial success', async () => {
    const r = await receiver();
    const destination = new OtlpDestination({ endpoint: `${r.url}/v1/logs` });
    const kindAfter = async (status: number) => {
      r.failNext(1, { status, retryAfter: status === 503 ? '3' : undefined });
      return destination.send(batchOf(records(0, 1)), signal());
    };
    assert.deepEqual(await kindAfter(503), { kind: 'retryable', status: 503, reason: 'HTTP 503: scripted 503', retryAfterMs: 3000 });
    for (const status of [429, 502, 504]) assert.equal((await kindAfter(status)).kind, 'retryable', String(status));
    for (const status of [500, 404, 413]) assert.equal((await kindAfter(status)).kind, 'permanent', String(status));
    r.successBody = JSON.stringify({ partialSuccess: { rejectedLogRecords: '1', errorMessage: 'too old' } });
    assert.deepEqual(await destination.send(batchOf(records(0, 2)), signal()), { kind: 'delivered', status: 200, note: 'receiver rejected 1 log record(s): too old' });
  });
});

function withRecord(request: ReturnType<typeof encodeLogsRequest>, record: Record<string, unknown>): unknown {
  const [rl] = request.resourceLogs;
  return { resourceLogs: [{ ...rl, scopeLogs: [{ ...rl.scopeLogs[0], logRecords: [record] }] }] };
}
