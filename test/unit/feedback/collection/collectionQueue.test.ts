import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CollectionQueue } from '../../../../src/core/feedback/collectionQueue';
import { makeTempDir, removeTempDirs } from '../../helpers/paths';
import { records } from './helpers';

after(removeTempDirs);

const ids = (batch: { events: ReadonlyArray<{ id: string }> } | undefined) => batch?.events.map((e) => e.id) ?? [];
const segmentFiles = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('segment-'));
const lineBytes = (i: number, padding = 0) => Buffer.byteLength(JSON.stringify(records(i, 1, padding)[0]) + '\n');

describe('CollectionQueue', () => {
  it('hands out batches oldest first, split by event count, and removes acknowledged ones', () => {
    const queue = CollectionQueue.open(makeTempDir('queue'), { durable: false });
    queue.enqueue(records(0, 7));
    const first = queue.peekBatch(3, 1 << 20);
    assert.deepEqual(ids(first), ['r0000', 'r0001', 'r0002']);
    assert.deepEqual(ids(queue.peekBatch(3, 1 << 20)), ['r0000', 'r0001', 'r0002'], 'peek does not consume');
    queue.ack(first!);
    assert.deepEqual(ids(queue.peekBatch(3, 1 << 20)), ['r0003', 'r0004', 'r0005']);
    assert.equal(queue.stats().count, 4);
    assert.equal(first!.lines[0], JSON.stringify(records(0, 1)[0]), 'lines are the stored JSON without the newline');
    queue.close();
  });

  it('splits by bytes, but hands out a single event larger than the limit on its own', () => {
    const queue = CollectionQueue.open(makeTempDir('queue'), { durable: false });
    queue.enqueue(records(0, 4, 100));
    const two = lineBytes(0, 100) + lineBytes(1, 100);
    const batch = queue.peekBatch(100, two + 10);
    assert.deepEqual(ids(batch), ['r0000', 'r0001']);
    assert.equal(batch!.bytes, two);
    assert.deepEqual(ids(queue.peekBatch(100, 10)), ['r0000']);
    queue.close();
  });

  it('continues after a restart where the last instance stopped: acknowledged events are gone, the rest stay', () => {
    const dir = makeTempDir('queue');
    const a = CollectionQueue.open(dir);
    a.enqueue(records(0, 10));
    a.ack(a.peekBatch(4, 1 << 20)!);
    const inFlight = a.peekBatch(3, 1 << 20)!; // sent, never acknowledged
    assert.deepEqual(ids(inFlight), ['r0004', 'r0005', 'r0006']);
    a.close();

    const b = CollectionQueue.open(dir);
    assert.equal(b.owner, true);
    assert.equal(b.stats().count, 6);
    assert.deepEqual(ids(b.peekBatch(100, 1 << 20)), ['r0004', 'r0005', 'r0006', 'r0007', 'r0008', 'r0009'], 'the unacknowledged batch comes again, once');
    b.enqueue(records(10, 2));
    b.ack(b.peekBatch(100, 1 << 20)!);
    assert.equal(b.stats().count, 0);
    b.close();
    const c = CollectionQueue.open(dir);
    assert.equal(c.peekBatch(100, 1 << 20), undefined);
    assert.deepEqual(segmentFiles(dir), [], 'delivered segments are deleted');
    c.close();
  });

  it('skips and counts a torn last line, and never appends to the torn segment', () => {
    const dir = makeTempDir('queue');
    const a = CollectionQueue.open(dir);
    a.enqueue(records(0, 3));
    a.close();
    const [segment] = segmentFiles(dir);
    fs.appendFileSync(path.join(dir, segment), '{"v":1,"type":"record","id":"r0003","ti'); // a crash mid-write

    const b = CollectionQueue.open(dir);
    assert.equal(b.stats().skippedLines, 1);
    b.enqueue(records(4, 1));
    assert.deepEqual(ids(b.peekBatch(100, 1 << 20)), ['r0000', 'r0001', 'r0002', 'r0004']);
    assert.equal(segmentFiles(dir).length, 2, 'the new event went to a new segment');
    assert.ok(fs.readFileSync(path.join(dir, segment), 'utf8').endsWith('"ti'), 'the torn segment was left as it was');
    b.close();
  });

  it('drops the oldest events beyond its cap, counts them durably, and tolerates acking a batch the cap already dropped', () => {
    const dir = makeTempDir('queue');
    const size = lineBytes(0, 200);
    const a = CollectionQueue.open(dir, { maxBytes: size * 5 + 10, durable: false });
    a.enqueue(records(0, 4, 200));
    const inFlight = a.peekBatch(2, 1 << 20)!;
    a.enqueue(records(4, 3, 200)); // 7 events, room for 5
    assert.equal(a.stats().droppedOverCap, 2);
    assert.deepEqual(ids(a.peekBatch(100, 1 << 20)), ['r0002', 'r0003', 'r0004', 'r0005', 'r0006']);
    a.ack(inFlight);
    assert.equal(a.stats().count, 5, 'acking dropped events removes nothing else');
    a.close();
    const b = CollectionQueue.open(dir, { maxBytes: size * 5 + 10 });
    assert.equal(b.stats().droppedOverCap, 2);
    assert.equal(b.stats().count, 5);
    b.close();
  });

  it('rotates segments and deletes each once every event in it is acknowledged', () => {
    const dir = makeTempDir('queue');
    const queue = CollectionQueue.open(dir, { segmentMaxBytes: lineBytes(0) * 3, durable: false });
    for (let i = 0; i < 9; i++) queue.enqueue(records(i, 1));
    assert.equal(segmentFiles(dir).length, 3);
    queue.ack(queue.peekBatch(4, 1 << 20)!);
    assert.equal(segmentFiles(dir).length, 2);
    queue.ack(queue.peekBatch(100, 1 << 20)!);
    assert.deepEqual(segmentFiles(dir), ['segment-000000000003.jsonl'], 'only the segment still being written remains');
    queue.close();
  });

  it('lets one instance own a folder; another spools to incoming/ for the owner and takes over when it is gone', () => {
    const dir = makeTempDir('queue');
    const owner = CollectionQueue.open(dir, { durable: false });
    const other = CollectionQueue.open(dir, { durable: false });
    assert.equal(owner.owner, true);
    assert.equal(other.owner, false);
    other.enqueue(records(0, 2));
    assert.equal(other.peekBatch(100, 1 << 20), undefined, 'only the owner sends');
    assert.equal(fs.readdirSync(path.join(dir, 'incoming')).length, 1);
    owner.enqueue(records(2, 1));
    owner.refresh();
    assert.deepEqual(ids(owner.peekBatch(100, 1 << 20)).sort(), ['r0000', 'r0001', 'r0002']);
    assert.equal(fs.readdirSync(path.join(dir, 'incoming')).length, 0);
    assert.equal(other.refresh(), false);
    owner.close();
    assert.equal(other.refresh(), true);
    assert.deepEqual(ids(other.peekBatch(100, 1 << 20)).sort(), ['r0000', 'r0001', 'r0002']);
    other.close();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = makeTempDir('queue');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.writeFileSync(path.join(dir, 'owner.lock'), JSON.stringify({ pid: dead, token: 'old', since: '2025-01-01T00:00:00Z' }));
    const queue = CollectionQueue.open(dir);
    assert.equal(queue.owner, true);
    queue.close();
    assert.equal(fs.existsSync(path.join(dir, 'owner.lock')), false, 'close releases the lock');
  });
});
