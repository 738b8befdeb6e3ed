/**
 * A persistent, bounded queue of feedback events in a folder, for one destination.
 *
 * Layout: `segment-NNNNNNNNNNNN.jsonl` files (append-only, one complete JSON line per write; each process
 * starts a new segment, so a torn last line a crash left is never appended to), `state.json` (the first
 * undelivered position, replaced via temp + rename), `owner.lock` (see QueueLock) and `incoming/` (events
 * from processes that do not own the folder, one complete file each, adopted by the owner).
 *
 * Delivery is at least once: a batch sent but not acknowledged before a crash is sent again.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CollectionBatch } from './collectionTypes';
import type { FeedbackEvent } from './feedbackTypes';
import { QueueLock } from './queueLock';
import {
  listSegments,
  parseEventLine,
  readLines,
  readState,
  removeSegment,
  scanSegment,
  segmentPath,
  syncFolder,
  writeFileAtomic,
  writeFully,
  writeState,
  type QueuedLine,
  type QueueState,
} from './queueSegments';

export interface CollectionQueueOptions {
  /** Cap of the queued events' bytes; beyond it the oldest are dropped and counted. Default 50 MiB. */
  maxBytes?: number;
  /** A new segment file starts beyond this size. Default 4 MiB. */
  segmentMaxBytes?: number;
  /** fsync appends and state writes. Default true. */
  durable?: boolean;
}

export interface QueueStats {
  count: number;
  bytes: number;
  droppedOverCap: number;
  skippedLines: number;
  owner: boolean;
}

/** A batch from peekBatch; hand it back to ack once delivered (or refused for good). */
export interface QueuedBatch extends CollectionBatch {
  readonly lastSeq: number;
}

interface Entry extends QueuedLine {
  seq: number;
}

const INCOMING = 'incoming';

export class CollectionQueue {
  private lock: QueueLock | undefined;
  private entries: Entry[] = [];
  private bytes = 0;
  private nextSeq = 1;
  private state: QueueState = { segment: 0, offset: 0, droppedOverCap: 0 };
  private writeSegment: { segment: number; size: number } | undefined;
  private skipped = 0;
  private dropsUnsaved = false;
  private closed = false;
  private readonly maxBytes: number;
  private readonly segmentMaxBytes: number;
  private readonly durable: boolean;

  private constructor(
    readonly dir: string,
    options: CollectionQueueOptions,
  ) {
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.segmentMaxBytes = options.segmentMaxBytes ?? 4 * 1024 * 1024;
    this.durable = options.durable ?? true;
  }

  /** Opens (creating) the folder; owns it unless another live process does (see `owner`). */
  static open(dir: string, options: CollectionQueueOptions = {}): CollectionQueue {
    fs.mkdirSync(path.join(dir, INCOMING), { recursive: true });
    const queue = new CollectionQueue(dir, options);
    queue.refresh();
    return queue;
  }

  /** True while this instance owns the folder: only the owner sends and acknowledges. */
  get owner(): boolean {
    return this.lock !== undefined;
  }

  /** Takes ownership if the previous owner is gone; as owner, adopts events other processes left in incoming/. */
  refresh(): boolean {
    this.assertOpen();
    if (this.lock && !this.lock.stillHeld()) this.loseOwnership();
    if (!this.lock) {
      this.lock = QueueLock.tryAcquire(this.dir);
      if (this.lock) this.load();
    }
    if (this.lock) this.adoptIncoming();
    return this.owner;
  }

  /** Appends events durably. Not the owner: they go to incoming/ for the owner to adopt. */
  enqueue(events: readonly FeedbackEvent[]): void {
    this.assertOpen();
    if (events.length === 0) return;
    const lines = events.map((event) => JSON.stringify(event) + '\n');
    if (this.lock) this.append(lines);
    else this.spool(lines);
  }

  /** The oldest events, up to maxEvents and maxBytes (at least one, however large); undefined when empty. */
  peekBatch(maxEvents: number, maxBytes: number): QueuedBatch | undefined {
    this.assertOpen();
    if (!this.lock || this.entries.length === 0) return undefined;
    const picked: Entry[] = [];
    let bytes = 0;
    for (const entry of this.entries) {
      const size = entry.end - entry.start;
      if (picked.length >= Math.max(1, maxEvents) || (picked.length > 0 && bytes + size > maxBytes)) break;
      picked.push(entry);
      bytes += size;
    }
    const lines = readLines(this.dir, picked);
    const events = lines.map((line) => parseEventLine(line) as FeedbackEvent);
    return { lines, events, bytes, lastSeq: picked[picked.length - 1].seq };
  }

  /** Removes a delivered batch durably (events the cap already dropped are simply gone). */
  ack(batch: QueuedBatch): void {
    this.assertOpen();
    if (!this.lock) return;
    let n = 0;
    while (n < this.entries.length && this.entries[n].seq <= batch.lastSeq) n++;
    if (n > 0) this.removeHead(n);
  }

  stats(): QueueStats {
    return { count: this.entries.length, bytes: this.bytes, droppedOverCap: this.state.droppedOverCap, skippedLines: this.skipped, owner: this.owner };
  }

  /** Lets go of the folder; everything queued stays on disk for the next owner. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lock?.release();
    this.lock = undefined;
    this.entries = [];
    this.bytes = 0;
  }

  private load(): void {
    removeOldTempFiles(this.dir);
    this.state = readState(this.dir);
    this.entries = [];
    this.bytes = 0;
    const segments = listSegments(this.dir);
    for (const segment of segments) {
      if (segment < this.state.segment) {
        removeSegment(this.dir, segment); // acknowledged before a crash, not yet removed
        continue;
      }
      const scan = scanSegment(this.dir, segment, segment === this.state.segment ? this.state.offset : 0);
      this.skipped += scan.skipped;
      for (const line of scan.lines) this.push(line);
    }
    // Never append to a segment an earlier process wrote: its last line may be torn.
    this.writeSegment = { segment: Math.max(this.state.segment, segments[segments.length - 1] ?? 0) + 1, size: 0 };
    this.commitPosition(); // segments holding nothing undelivered go now
  }

  private loseOwnership(): void {
    this.lock = undefined;
    this.entries = [];
    this.bytes = 0;
    this.writeSegment = undefined;
  }

  private push(line: QueuedLine): void {
    this.entries.push({ ...line, seq: this.nextSeq++ });
    this.bytes += line.end - line.start;
  }

  private append(lines: string[]): void {
    const total = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
    let target = this.writeSegment!;
    if (target.size > 0 && target.size + total > this.segmentMaxBytes) {
      target = this.writeSegment = { segment: target.segment + 1, size: 0 };
    }
    const fd = fs.openSync(segmentPath(this.dir, target.segment), 'a');
    try {
      for (const line of lines) {
        const buffer = Buffer.from(line, 'utf8');
        writeFully(fd, buffer); // one complete line per write
        this.push({ segment: target.segment, start: target.size, end: target.size + buffer.length });
        target.size += buffer.length;
      }
      if (this.durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (this.durable && target.size === total) syncFolder(this.dir);
    this.enforceCap();
  }

  private enforceCap(): void {
    let bytes = this.bytes;
    let n = 0;
    while (bytes > this.maxBytes && n < this.entries.length) {
      bytes -= this.entries[n].end - this.entries[n].start;
      n++;
    }
    if (n === 0) return;
    this.state.droppedOverCap += n;
    this.dropsUnsaved = true;
    this.removeHead(n);
  }

  /** Drops the first n entries and commits the new position. */
  private removeHead(n: number): void {
    const removed = this.entries.splice(0, n);
    for (const entry of removed) this.bytes -= entry.end - entry.start;
    this.commitPosition();
  }

  /** Writes the first undelivered position, then deletes the segments wholly behind it. */
  private commitPosition(): void {
    const first = this.entries[0];
    const write = this.writeSegment!;
    const position = first ? { segment: first.segment, offset: first.start } : { segment: write.segment, offset: write.size };
    if (position.segment !== this.state.segment || position.offset !== this.state.offset || this.dropsUnsaved) {
      this.state = { ...this.state, ...position };
      writeState(this.dir, this.state, this.durable);
      this.dropsUnsaved = false;
    }
    for (const segment of listSegments(this.dir)) if (segment < position.segment) removeSegment(this.dir, segment);
  }

  private spool(lines: string[]): void {
    const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${randomUUID()}.jsonl`;
    writeFileAtomic(path.join(this.dir, INCOMING, name), lines.join(''), this.durable);
  }

  /** Moves events from incoming/ into the segments; a crash between append and unlink sends them twice, never zero times. */
  private adoptIncoming(): void {
    const folder = path.join(this.dir, INCOMING);
    removeOldTempFiles(folder);
    let names: string[];
    try {
      names = fs.readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      if (!name.endsWith('.jsonl') || name.startsWith('.tmp-')) continue;
      const lines: string[] = [];
      for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
        if (text.trim() === '') continue;
        if (parseEventLine(text)) lines.push(text + '\n');
        else this.skipped++;
      }
      if (lines.length > 0) this.append(lines);
      fs.rmSync(file, { force: true });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The feedback queue at ${this.dir} is closed.`);
  }
}

/** Temp files a crash left between write and rename (an hour old: no live writer still needs them). */
function removeOldTempFiles(folder: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => name.startsWith('.tmp-'));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(folder, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > 60 * 60_000) fs.rmSync(file, { force: true });
    } catch {
      // Gone meanwhile.
    }
  }
}
