import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newLabelEvent, newRecordEvent, newSessionId, splitTranscript, type RecordInput } from '../../../src/core/feedback/recordBuilder';
import type { ChatMessage } from '../../../src/core/model/types';
import { testModel } from './feedbackFixtures';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const transcript: ChatMessage[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'Review.' },
  { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'readFile', arguments: { path: 'a.ts' } }] },
  { role: 'tool', toolCallId: 'c1', name: 'readFile', content: 'code' },
  { role: 'assistant', content: 'NO: bug', toolCalls: [{ id: 'c2', name: 'report', arguments: { n: 1 } }] },
];

const input = (overrides: Partial<RecordInput> = {}): RecordInput => ({
  skill: 'review',
  surface: 'chat',
  model: testModel,
  messages: transcript,
  files: [{ path: 'src/a.ts', content: 'hello' }],
  metrics: { promptTokens: 100 },
  ...overrides,
});

describe('splitTranscript', () => {
  it('makes the last assistant message the completion, with its tool calls', () => {
    const { messages, completion } = splitTranscript(transcript);
    assert.deepEqual(messages, transcript.slice(0, 4));
    assert.deepEqual(completion, { text: 'NO: bug', toolCalls: [{ id: 'c2', name: 'report', arguments: { n: 1 } }] });
  });

  it('drops messages after the last assistant message, and has no completion without one', () => {
    const cut = splitTranscript(transcript.slice(0, 4));
    assert.deepEqual(cut.messages, transcript.slice(0, 2));
    assert.deepEqual(cut.completion, { text: '', toolCalls: [{ id: 'c1', name: 'readFile', arguments: { path: 'a.ts' } }] });
    const none = splitTranscript(transcript.slice(0, 2));
    assert.deepEqual(none, { messages: transcript.slice(0, 2) });
  });
});

describe('newRecordEvent', () => {
  it('builds a level-all record: ids, time, split transcript, sha256 of files, metrics, link', () => {
    const session = newSessionId();
    const now = new Date('2025-05-05T05:05:05.000Z');
    const r = newRecordEvent(input({ previousAttemptId: 'prev', step: { workflow: 'fix', runId: 'r1', index: 0 } }), { session, level: 'all', now: () => now })!;
    assert.match(r.id, uuid);
    assert.match(session, uuid);
    assert.deepEqual(
      { ...r, id: 'x' },
      {
        v: 1, type: 'record', id: 'x', time: '2025-05-05T05:05:05.000Z', session, skill: 'review', surface: 'chat', model: testModel, level: 'all',
        messages: transcript.slice(0, 4),
        completion: { text: 'NO: bug', toolCalls: [{ id: 'c2', name: 'report', arguments: { n: 1 } }] },
        files: [{ path: 'src/a.ts', sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' }],
        metrics: { promptTokens: 100 },
        previousAttemptId: 'prev',
        step: { workflow: 'fix', runId: 'r1', index: 0 },
      },
    );
    assert.notEqual(newRecordEvent(input(), { session, level: 'all' })!.id, r.id);
  });

  it('redacts secrets before anything leaves the builder', () => {
    const key = 'sk-proj-' + 'Ab3'.repeat(16);
    const r = newRecordEvent(input({ messages: [{ role: 'user', content: `key ${key}` }, { role: 'assistant', content: `use ${key}` }] }), { session: 's', level: 'all' })!;
    assert.ok(!JSON.stringify(r).includes(key));
    assert.equal(r.completion!.text, 'use [REDACTED:openai-key]');
  });

  it('at noCode keeps no messages, completion, tools or paths; at off builds nothing', () => {
    const r = newRecordEvent(input({ tools: [{ name: 't', description: 'd', parameters: {} }] }), { session: 's', level: 'noCode' })!;
    assert.equal(r.level, 'noCode');
    assert.deepEqual(Object.keys(r).sort(), ['files', 'id', 'level', 'metrics', 'model', 'session', 'skill', 'surface', 'time', 'type', 'v']);
    assert.deepEqual(r.files, [{ sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' }]);
    assert.equal(newRecordEvent(input(), { session: 's', level: 'off' }), undefined);
  });
});

describe('newLabelEvent', () => {
  it('references the record, keeps the target at level all and drops it at noCode', () => {
    const all = newLabelEvent('rec-1', { kind: 'accepted', target: 'src/a.ts' }, 'sess')!;
    assert.match(all.id, uuid);
    assert.deepEqual({ ...all, id: 'x', time: 't' }, { v: 1, type: 'label', id: 'x', time: 't', session: 'sess', recordId: 'rec-1', label: { kind: 'accepted', target: 'src/a.ts' } });
    const noCode = newLabelEvent('rec-1', { kind: 'accepted', target: 'src/a.ts' }, { session: 'sess', level: 'noCode' })!;
    assert.deepEqual(noCode.label, { kind: 'accepted' });
    assert.equal(newLabelEvent('rec-1', { kind: 'rejected' }, { session: 'sess', level: 'off' }), undefined);
  });
});
