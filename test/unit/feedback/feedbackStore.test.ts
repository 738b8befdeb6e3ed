import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import type { FeedbackEvent, RecordEvent } from '../../../src/core/feedback/feedbackTypes';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { labelEvent, recordEvent } from './feedbackFixtures';

after(removeTempDirs);

const linesOf = (file: string) => fs.readFileSync(file, 'utf8').split('\n');

describe('FeedbackStore: writing', () => {
  it('appends one JSON line per event to its own file and reads them back in order', async () => {
    const store = new FeedbackStore(makeTempDir('store'), { writerId: 'w1' });
    const events: FeedbackEvent[] = [recordEvent(), recordEvent(), recordEvent()];
    events.push(labelEvent(events[0].id, { kind: 'accepted' }));
    for (const e of events) await store.append(e);
    const files = await store.files();
    assert.equal(files.length, 1);
    assert.match(path.basename(files[0]), /^events-\d{8}T\d{9}Z-w1-0000\.jsonl$/);
    const lines = linesOf(files[0]);
    assert.equal(lines.pop(), '', 'the file ends with a newline');
    assert.deepEqual(lines.map((l) => JSON.parse(l).id), events.map((e) => e.id));
    const read = await store.readEvents();
    assert.deepEqual(read, { events, damagedLines: 0 });
    await store.close();
  });

  it('never interleaves concurrent appends in one process, and two stores on one folder use separate files', async () => {
    const folder = makeTempDir('store');
    const a = new FeedbackStore(folder, { writerId: 'a' });
    const b = new FeedbackStore(folder, { writerId: 'b' });
    const big = 'y'.repeat(200_000);
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < 40; i++) {
      const store = i % 2 ? a : b;
      pending.push(store.append(recordEvent({ id: `e${i}`, messages: [{ role: 'user', content: i % 3 ? big : 'small' }] })));
      if (i % 5 === 0) pending.push(store.appendMany([recordEvent({ id: `m${i}a` }), recordEvent({ id: `m${i}b` })]));
    }
    await Promise.all(pending);
    const files = await a.files();
    assert.equal(files.length, 2);
    for (const file of files) for (const line of linesOf(file).filter(Boolean)) assert.doesNotThrow(() => JSON.parse(line));
    const { events, damagedLines } = await a.readEvents();
    assert.equal(damagedLines, 0);
    assert.equal(events.length, 56);
    const fromA = events.filter((e) => e.id.startsWith('e') && Number(e.id.slice(1)) % 2 === 1).map((e) => e.id);
    assert.deepEqual(fromA, Array.from({ length: 20 }, (_, k) => `e${2 * k + 1}`), 'one writer keeps call order');
    await Promise.all([a.close(), b.close()]);
  });

  it('rotates to a new file before a write would pass maxFileBytes, keeping every event', async () => {
    const store = new FeedbackStore(makeTempDir('store'), { writerId: 'rot', maxFileBytes: 4096 });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const e = recordEvent({ id: `r${i}`, messages: [{ role: 'user', content: 'z'.repeat(300 + i * 10) }] });
      ids.push(e.id);
      await (i % 7 === 0 ? store.appendMany([e]) : store.append(e));
    }
    const huge = recordEvent({ id: 'huge', messages: [{ role: 'user', content: 'h'.repeat(10_000) }] });
    await store.append(huge);
    ids.push('huge');
    const files = await store.files();
    assert.ok(files.length >= 10, `expected many files, got ${files.length}`);
    assert.deepEqual(files.map((f) => path.basename(f).slice(-10)), files.map((_, i) => `${String(i).padStart(4, '0')}.jsonl`));
    for (const f of files) {
      const size = fs.statSync(f).size;
      assert.ok(size <= 4096 || linesOf(f).filter(Boolean).length === 1, `${path.basename(f)} is ${size} bytes with several lines`);
    }
    const { events, damagedLines } = await store.readEvents();
    assert.equal(damagedLines, 0);
    assert.deepEqual(events.map((e) => e.id), ids);
    await store.close();
  });

  it('rejects an invalid event and writes nothing of that call', async () => {
    const store = new FeedbackStore(makeTempDir('store'));
    const bad = { ...recordEvent(), v: 2 } as unknown as FeedbackEvent;
    await assert.rejects(store.appendMany([recordEvent(), bad]), /Not a feedback event/);
    assert.deepEqual(await store.files(), []);
    await store.append(recordEvent());
    assert.equal((await store.readEvents()).events.length, 1, 'the chain goes on after a rejection');
    await store.close();
  });

  it('redacts events on the way in, whoever built them', async () => {
    const store = new FeedbackStore(makeTempDir('store'));
    const secret = 'ghp_' + 'a1B2c3D4e5'.repeat(4);
    await store.append(recordEvent({ messages: [{ role: 'user', content: `token ${secret}` }], metrics: { [secret]: 1 } }));
    const raw = fs.readFileSync((await store.files())[0], 'utf8');
    assert.ok(!raw.includes(secret));
    assert.match(raw, /\[REDACTED:github-token\]/);
    await store.close();
  });

  it('abandons its file after a failed write and continues in a new one', async () => {
    const store = new FeedbackStore(makeTempDir('store'), { writerId: 'fail' });
    await store.append(recordEvent({ id: 'before' }));
    const first = store.activeFile!;
    // Close the descriptor behind the store's back: the next write fails like a dying disk would.
    await (store as unknown as { handle: fs.promises.FileHandle }).handle.close();
    await assert.rejects(store.append(recordEvent({ id: 'lost' })));
    await store.append(recordEvent({ id: 'after' }));
    assert.notEqual(store.activeFile, first);
    assert.deepEqual((await store.readEvents()).events.map((e) => e.id), ['before', 'after']);
    await store.close();
  });

  it('deleteAll removes every writer\'s files, and appending afterwards starts a new file', async () => {
    const folder = makeTempDir('store');
    const a = new FeedbackStore(folder);
    const b = new FeedbackStore(folder);
    await a.append(recordEvent());
    await b.append(recordEvent());
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not ours');
    assert.equal(await a.deleteAll(), 2);
    assert.deepEqual(await a.files(), []);
    assert.ok(fs.existsSync(path.join(folder, 'notes.txt')), 'other files stay');
    await a.append(recordEvent({ id: 'again' }));
    assert.deepEqual((await a.readEvents()).events.map((e) => e.id), ['again']);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('FeedbackStore: reading', () => {
  it('reads nothing from a folder that does not exist yet', async () => {
    const store = new FeedbackStore(path.join(makeTempDir('store'), 'missing'));
    assert.deepEqual(await store.readRecords(), { records: [], orphanLabels: 0, duplicateEvents: 0, damagedLines: 0 });
  });

  it('skips and counts damaged lines: garbage, cut JSON, valid JSON of the wrong shape', async () => {
    const folder = makeTempDir('store');
    const store = new FeedbackStore(folder);
    const good = [recordEvent(), recordEvent(), recordEvent()];
    await store.appendMany(good);
    await store.close();
    const [file] = await store.files();
    const wrongShape = JSON.stringify({ ...recordEvent(), skill: 42 });
    const noType = JSON.stringify({ v: 1, id: 'x', time: new Date().toISOString(), session: 's' });
    const cut = JSON.stringify(recordEvent()).slice(0, 50);
    fs.appendFileSync(file, `not json at all\n${wrongShape}\n\n${noType}\n{"v":1,"type":"label"}\n${cut}`);
    const { events, damagedLines } = await store.readEvents();
    assert.equal(damagedLines, 5);
    assert.deepEqual(events.map((e) => e.id), good.map((e) => e.id));
  });

  it('reads a line longer than the read chunk, split across chunks, intact', async () => {
    const store = new FeedbackStore(makeTempDir('store'));
    // Multi-byte characters across 1 MiB chunk borders: two strings, each within the 1 MiB a string may hold.
    const content = 'é🙂'.repeat(150_000);
    const messages = [{ role: 'user' as const, content }, { role: 'user' as const, content: content + '!' }];
    await store.appendMany([recordEvent({ id: 'small' }), recordEvent({ id: 'long', messages }), recordEvent({ id: 'tail' })]);
    const { events, damagedLines } = await store.readEvents();
    assert.equal(damagedLines, 0);
    assert.deepEqual(events.map((e) => e.id), ['small', 'long', 'tail']);
    assert.ok(Buffer.byteLength(JSON.stringify(events[1])) > 1 << 20, 'the line is longer than one read chunk');
    assert.deepEqual((events[1] as RecordEvent).messages!.map((m) => m.content), [content, content + '!']);
    await store.close();
  });

  it('filters events by time with since', async () => {
    const store = new FeedbackStore(makeTempDir('store'));
    await store.appendMany([recordEvent({ id: 'old', time: '2024-01-01T00:00:00.000Z' }), recordEvent({ id: 'new', time: '2025-06-01T00:00:00.000Z' })]);
    assert.deepEqual((await store.readEvents({ since: new Date('2025-01-01') })).events.map((e) => e.id), ['new']);
    await store.close();
  });
});

describe('FeedbackStore: folding labels into records', () => {
  it('attaches labels oldest first, counts orphans and duplicates, filters by skill and since', async () => {
    const folder = makeTempDir('store');
    const w1 = new FeedbackStore(folder, { writerId: 'one' });
    const w2 = new FeedbackStore(folder, { writerId: 'two' });
    const a = recordEvent({ id: 'a', skill: 'review', time: '2025-01-01T00:00:00.000Z' });
    const b = recordEvent({ id: 'b', skill: 'edit', time: '2025-01-02T00:00:00.000Z' });
    const c = recordEvent({ id: 'c', skill: 'review', time: '2025-02-01T00:00:00.000Z' });
    const late = labelEvent('a', { kind: 'rejected' }, '2025-03-01T00:00:00.000Z');
    const early = labelEvent('a', { kind: 'accepted', target: 'src/a.ts' }, '2025-01-05T00:00:00.000Z');
    await w1.appendMany([c, a, late]);
    await w2.appendMany([b, early, labelEvent('gone', { kind: 'vote', value: 'helpful' }), labelEvent('gone', { kind: 'accepted' })]);
    await w2.append(a); // the same record again (a retried write)
    const all = await w1.readRecords();
    assert.deepEqual(all.records.map((r) => r.id), ['a', 'b', 'c'], 'ordered by time');
    assert.deepEqual(all.records[0].labels, [{ ...early.label, time: early.time }, { ...late.label, time: late.time }]);
    assert.equal(all.orphanLabels, 2);
    assert.equal(all.duplicateEvents, 1);
    assert.equal(all.damagedLines, 0);
    const reviews = await w1.readRecords({ skill: 'review', since: new Date('2025-01-15') });
    assert.deepEqual(reviews.records.map((r) => r.id), ['c']);
    assert.equal(reviews.orphanLabels, 2, 'labels of filtered-out records are not orphans');
    await Promise.all([w1.close(), w2.close()]);
  });
});
