// FeedbackRecorder: records and labels go to a real FeedbackStore at the user's level, read at every call.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FeedbackRecorder } from '../../../../src/core/feedback/feedbackRecorder';
import { FeedbackStore } from '../../../../src/core/feedback/feedbackStore';
import type { FeedbackEvent, FeedbackLevel } from '../../../../src/core/feedback/feedbackTypes';
import { sha256, type RecordInput } from '../../../../src/core/feedback/recordBuilder';
import { makeTempDir, removeTempDirs } from '../../helpers/paths';

const stores: FeedbackStore[] = [];
after(async () => {
  await Promise.all(stores.map((s) => s.close()));
  removeTempDirs();
});

const fileContent = 'export const answer = 42;\n';
const input: RecordInput = {
  skill: 'review',
  surface: 'chat',
  model: { backend: 'openai', model: 'recorder-model', endpoint: 'http://127.0.0.1:9/v1' },
  messages: [
    { role: 'system', content: 'You review code.' },
    { role: 'user', content: 'Review src/answer.ts: export const answer = 42;' },
    { role: 'assistant', content: '<judgment>YES</judgment>' },
  ],
  tools: [{ name: 'readFile', description: 'Read a file.', parameters: { type: 'object', properties: {} } }],
  files: [{ path: 'src/answer.ts', content: fileContent }],
  metrics: { findings: 0 },
};

/** The team-collection sink: keeps every batch it is handed. */
class KeepingCollector {
  readonly batches: FeedbackEvent[][] = [];
  submit(events: readonly FeedbackEvent[]): void {
    this.batches.push([...events]);
  }
  get events(): FeedbackEvent[] {
    return this.batches.flat();
  }
}

function setup(initial: FeedbackLevel) {
  const folder = makeTempDir('recorder');
  const store = new FeedbackStore(folder);
  stores.push(store);
  const collector = new KeepingCollector();
  const logged: string[] = [];
  let level = initial;
  const recorder = new FeedbackRecorder({ store, collector, level: () => level, session: 'recorder-session', log: (m) => logged.push(m) });
  return { folder, store, collector, logged, recorder, setLevel: (l: FeedbackLevel) => (level = l) };
}

describe('FeedbackRecorder', () => {
  it('writes nothing at level off: record() gives undefined and label() adds nothing', async () => {
    const { folder, store, collector, logged, recorder } = setup('off');
    assert.equal(recorder.enabled, false);
    assert.equal(await recorder.record(input), undefined);
    await recorder.label('some-record', { kind: 'accepted' });
    assert.deepEqual(await store.files(), []);
    assert.equal(fs.existsSync(folder) && fs.readdirSync(folder).length, 0);
    assert.deepEqual(collector.batches, []);
    assert.deepEqual(logged, []);
  });

  it('at level all, stores the record with messages, completion, tools and paths, and its labels', async () => {
    const { store, recorder } = setup('all');
    assert.equal(recorder.enabled, true);
    const id = await recorder.record(input);
    assert.ok(id);
    await recorder.label(id, { kind: 'accepted', target: 'src/answer.ts' });
    await recorder.label(id, { kind: 'vote', value: 'helpful' });
    const { records, orphanLabels } = await store.readRecords();
    assert.equal(orphanLabels, 0);
    assert.equal(records.length, 1);
    const [r] = records;
    assert.equal(r.id, id);
    assert.equal(r.level, 'all');
    assert.equal(r.session, 'recorder-session');
    assert.equal(r.skill, 'review');
    assert.equal(r.surface, 'chat');
    assert.deepEqual(r.model, input.model);
    assert.deepEqual(r.messages, input.messages.slice(0, 2));
    assert.deepEqual(r.completion, { text: '<judgment>YES</judgment>' });
    assert.deepEqual(r.tools, input.tools);
    assert.deepEqual(r.files, [{ path: 'src/answer.ts', sha256: sha256(fileContent) }]);
    assert.deepEqual(r.metrics, { findings: 0 });
    assert.deepEqual(
      r.labels.map(({ time, ...label }) => label),
      [{ kind: 'accepted', target: 'src/answer.ts' }, { kind: 'vote', value: 'helpful' }],
    );
  });

  it('at level noCode, stores no messages, completion, tools or paths, and labels without targets', async () => {
    const { store, recorder } = setup('noCode');
    const id = await recorder.record(input);
    assert.ok(id);
    await recorder.label(id, { kind: 'accepted', target: 'src/answer.ts' });
    const { records } = await store.readRecords();
    assert.equal(records.length, 1);
    const [r] = records;
    assert.equal(r.level, 'noCode');
    assert.equal('messages' in r, false);
    assert.equal('completion' in r, false);
    assert.equal('tools' in r, false);
    assert.deepEqual(r.files, [{ sha256: sha256(fileContent) }]);
    assert.deepEqual(r.metrics, { findings: 0 });
    assert.deepEqual(r.model, input.model);
    assert.deepEqual(r.labels.map(({ time, ...label }) => label), [{ kind: 'accepted' }]);
    const raw = (await store.files()).map((f) => fs.readFileSync(f, 'utf8')).join('');
    assert.doesNotMatch(raw, /answer/, 'no code or path reaches the disk');
  });

  it('reads the level at every call: switching off mid-way stops writing, switching back resumes', async () => {
    const { store, collector, recorder, setLevel } = setup('all');
    const first = await recorder.record(input);
    assert.ok(first);
    setLevel('off');
    assert.equal(recorder.enabled, false);
    await recorder.label(first, { kind: 'rejected' });
    assert.equal(await recorder.record(input), undefined);
    assert.equal((await store.readEvents()).events.length, 1, 'only the record written before the switch');
    setLevel('noCode');
    await recorder.label(first, { kind: 'vote', value: 'unhelpful' });
    const second = await recorder.record(input);
    assert.ok(second);
    const { records } = await store.readRecords();
    assert.deepEqual(records.map((r) => [r.id, r.level]), [
      [first, 'all'],
      [second, 'noCode'],
    ]);
    assert.deepEqual(records[0].labels.map((l) => l.kind), ['vote']);
    assert.equal(collector.events.length, 3);
  });

  it('hands the collector exactly the events written to the store, one batch per event', async () => {
    const { store, collector, recorder } = setup('all');
    const id = await recorder.record(input);
    await recorder.label(id, { kind: 'check', name: 'reviewFormat', passed: true });
    await recorder.label(undefined, { kind: 'accepted' });
    const { events } = await store.readEvents();
    assert.equal(events.length, 2);
    assert.deepEqual(collector.batches, events.map((e) => [e]));
  });

  it('does nothing for a label without a record id', async () => {
    const { store, collector, recorder } = setup('all');
    await recorder.label(undefined, { kind: 'accepted' });
    await recorder.label('', { kind: 'accepted' });
    assert.deepEqual(await store.files(), []);
    assert.deepEqual(collector.batches, []);
  });

  it('does not throw when the store cannot write (its folder is a file), logs it, and submits nothing', async () => {
    const dir = makeTempDir('recorder-broken');
    const notAFolder = path.join(dir, 'store');
    fs.writeFileSync(notAFolder, 'a file where the store folder should be');
    const store = new FeedbackStore(notAFolder);
    const collector = new KeepingCollector();
    const logged: string[] = [];
    const recorder = new FeedbackRecorder({ store, collector, level: () => 'all', session: 's', log: (m) => logged.push(m) });
    assert.equal(await recorder.record(input), undefined);
    await recorder.label('some-record', { kind: 'accepted' });
    assert.equal(logged.length, 2);
    assert.match(logged[0], /^Could not write a feedback record: .*(EEXIST|ENOTDIR)/);
    assert.match(logged[1], /^Could not write a feedback label: /);
    assert.deepEqual(collector.batches, []);
    assert.equal(fs.readFileSync(notAFolder, 'utf8'), 'a file where the store folder should be');
  });

  it('does not throw from a failing store without a log option either', async () => {
    const dir = makeTempDir('recorder-broken');
    const notAFolder = path.join(dir, 'store');
    fs.writeFileSync(notAFolder, '');
    const recorder = new FeedbackRecorder({ store: new FeedbackStore(notAFolder), level: () => 'noCode', session: 's' });
    assert.equal(await recorder.record(input), undefined);
    await recorder.label('r', { kind: 'rejected' });
  });
});
