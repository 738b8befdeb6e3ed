// The store under real processes: a writer killed with SIGKILL mid-stream, and two writers appending at once.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import type { RecordEvent } from '../../../src/core/feedback/feedbackTypes';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { recordEvent, spawnWriter } from './feedbackFixtures';

after(removeTempDirs);

const storeModule = require.resolve('../../../src/core/feedback/feedbackStore');

/** Sequence numbers of one writer's events, in read order. */
function seqsOf(events: Array<{ type: string }>, writerId: string): number[] {
  return (events as RecordEvent[]).filter((e) => e.type === 'record' && e.session === writerId).map((e) => e.metrics!.seq);
}

/** For every file: the index of each line that does not parse (-1 = none), and the line count. */
function unparsableLines(folder: string): Array<{ file: string; bad: number[]; lines: number; endsWithNewline: boolean }> {
  return fs.readdirSync(folder).filter((n) => n.endsWith('.jsonl')).sort().map((name) => {
    const text = fs.readFileSync(path.join(folder, name), 'utf8');
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const bad = lines.flatMap((l, i) => {
      try {
        JSON.parse(l);
        return [];
      } catch {
        return [i];
      }
    });
    return { file: name, bad, lines: lines.length, endsWithNewline: text.endsWith('\n') };
  });
}

describe('FeedbackStore under a killed writer', () => {
  it('keeps every acknowledged event; at most the last line of the last file is cut; a new writer appends fine', async () => {
    for (let round = 0; round < 3; round++) {
      const folder = makeTempDir('killed');
      const writer = spawnWriter(storeModule, folder, { count: 1_000_000, writerId: 'victim', maxFileBytes: 2 * 1024 * 1024, padBytes: 400_000 });
      await writer.untilAcked(150 + round * 100);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40)); // land anywhere in a write cycle
      writer.child.kill('SIGKILL');
      const exit = await writer.exited;
      assert.equal(exit.signal, 'SIGKILL', `the writer was still running: ${exit.stderr}`);
      const acked = writer.acked();

      const files = unparsableLines(folder);
      files.forEach((f, i) => {
        const last = i === files.length - 1;
        if (!last) assert.deepEqual(f.bad, [], `${f.file}: only the file being written can have a cut line`);
        else assert.ok(f.bad.length === 0 || (f.bad.length === 1 && f.bad[0] === f.lines - 1 && !f.endsWithNewline), `${f.file}: bad lines ${f.bad} of ${f.lines}`);
      });
      const store = new FeedbackStore(folder, { writerId: 'next' });
      const before = await store.readEvents();
      const seqs = seqsOf(before.events, 'victim');
      assert.ok(seqs.length >= acked, `read ${seqs.length} events, ${acked} were acknowledged`);
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i), 'no gaps, no duplicates, in order');
      assert.ok(before.damagedLines <= 1);
      assert.equal(before.damagedLines, files[files.length - 1].bad.length);

      const victimFiles = new Set(await store.files());
      const sizes = new Map([...victimFiles].map((f) => [f, fs.statSync(f).size]));
      await store.append(recordEvent({ id: 'after-crash' }));
      await store.close();
      const afterRead = await store.readEvents();
      assert.equal(afterRead.damagedLines, before.damagedLines);
      assert.deepEqual(afterRead.events.map((e) => e.id).filter((id) => id === 'after-crash'), ['after-crash']);
      assert.equal(afterRead.events.length, before.events.length + 1);
      for (const [f, size] of sizes) assert.equal(fs.statSync(f).size, size, `${path.basename(f)} was not appended to`);
    }
  });

  it('counts a cut last line (a torn write) as one damaged line and never appends after it', async () => {
    const folder = makeTempDir('torn');
    const first = new FeedbackStore(folder, { writerId: 'first' });
    await first.appendMany([recordEvent({ id: 'one' }), recordEvent({ id: 'two' }), recordEvent({ id: 'three' })]);
    await first.close();
    const [file] = await first.files();
    const full = fs.readFileSync(file);
    fs.truncateSync(file, full.length - 40); // the third line loses its end, as if the process died mid-write
    const torn = fs.readFileSync(file);
    const second = new FeedbackStore(folder, { writerId: 'second' });
    const read = await second.readEvents();
    assert.deepEqual(read.events.map((e) => e.id), ['one', 'two']);
    assert.equal(read.damagedLines, 1);
    await second.append(recordEvent({ id: 'four' }));
    await second.close();
    assert.deepEqual(fs.readFileSync(file), torn, 'the torn file is left as it is');
    const again = await second.readEvents();
    assert.deepEqual(again.events.map((e) => e.id), ['one', 'two', 'four']);
    assert.equal(again.damagedLines, 1);
  });
});

describe('FeedbackStore with two concurrent writer processes', () => {
  it('loses nothing and tears nothing: exactly 2N events, 0 damaged lines, each writer in order', async () => {
    const folder = makeTempDir('concurrent');
    const n = 1500;
    const options = { count: n, maxFileBytes: 256 * 1024, padBytes: 3000 };
    const writers = [spawnWriter(storeModule, folder, { ...options, writerId: 'left' }), spawnWriter(storeModule, folder, { ...options, writerId: 'right' })];
    const exits = await Promise.all(writers.map((w) => w.exited));
    for (const exit of exits) assert.equal(exit.code, 0, exit.stderr);

    const files = fs.readdirSync(folder);
    assert.ok(files.filter((f) => f.includes('-left-')).length > 1 && files.filter((f) => f.includes('-right-')).length > 1, 'both writers rotated');
    for (const f of unparsableLines(folder)) {
      assert.deepEqual(f.bad, [], f.file);
      assert.ok(f.endsWithNewline, f.file);
    }
    const { events, damagedLines } = await new FeedbackStore(folder).readEvents();
    assert.equal(damagedLines, 0);
    assert.equal(events.length, 2 * n);
    assert.equal(new Set(events.map((e) => e.id)).size, 2 * n);
    assert.deepEqual(seqsOf(events, 'left'), Array.from({ length: n }, (_, i) => i));
    assert.deepEqual(seqsOf(events, 'right'), Array.from({ length: n }, (_, i) => i));
  });
});
