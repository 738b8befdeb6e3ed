/**
 * The files of a queue folder: append-only segment files of JSON lines, the committed read position
 * (written via temp file + rename) and the byte-range reads the queue needs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FeedbackEvent } from './feedbackTypes';

const SEGMENT_PATTERN = /^segment-(\d{12})\.jsonl$/;
const STATE_FILE = 'state.json';

/** Where one queued event's line lies: bytes [start, end) of a segment, the newline included. */
export interface QueuedLine {
  segment: number;
  start: number;
  end: number;
}

/** The committed position (the first line not yet delivered) and counters that must survive restarts. */
export interface QueueState {
  segment: number;
  offset: number;
  droppedOverCap: number;
}

export function segmentPath(dir: string, segment: number): string {
  return path.join(dir, `segment-${String(segment).padStart(12, '0')}.jsonl`);
}

/** Segment numbers present in the folder, ascending. */
export function listSegments(dir: string): number[] {
  const numbers: number[] = [];
  for (const name of fs.readdirSync(dir)) {
    const match = SEGMENT_PATTERN.exec(name);
    if (match) numbers.push(Number(match[1]));
  }
  return numbers.sort((a, b) => a - b);
}

export function removeSegment(dir: string, segment: number): void {
  fs.rmSync(segmentPath(dir, segment), { force: true });
}

export function readState(dir: string): QueueState {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), 'utf8')) as Partial<QueueState>;
    if (Number.isSafeInteger(value.segment) && Number.isSafeInteger(value.offset)) {
      return { segment: value.segment!, offset: value.offset!, droppedOverCap: Number(value.droppedOverCap) || 0 };
    }
  } catch {
    // Missing (a new queue) or unreadable: start from the beginning; at-least-once allows it.
  }
  return { segment: 0, offset: 0, droppedOverCap: 0 };
}

/** Replaces the state file atomically: a crash leaves either the old or the new position, never a mix. */
export function writeState(dir: string, state: QueueState, durable: boolean): void {
  writeFileAtomic(path.join(dir, STATE_FILE), JSON.stringify({ v: 1, ...state }), durable);
}

export function writeFileAtomic(file: string, text: string, durable: boolean): void {
  const temp = path.join(path.dirname(file), `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}-${path.basename(file)}`);
  const fd = fs.openSync(temp, 'w');
  try {
    writeFully(fd, Buffer.from(text, 'utf8'));
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  if (durable) syncFolder(path.dirname(file));
}

export function writeFully(fd: number, buffer: Buffer): void {
  for (let done = 0; done < buffer.length; ) done += fs.writeSync(fd, buffer, done, buffer.length - done);
}

/** Makes a rename or a new file in the folder durable where the platform allows it (not on Windows). */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported here; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A line parses to an event when it is a JSON object with a known type and an id. */
export function parseEventLine(text: string): FeedbackEvent | undefined {
  try {
    const value = JSON.parse(text) as FeedbackEvent;
    const ok = value !== null && typeof value === 'object' && (value.type === 'record' || value.type === 'label') && typeof value.id === 'string';
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The complete, readable lines of a segment from `from` on. A line that does not parse (in practice the
 * torn last line a crash left, which has no newline) is skipped and counted.
 */
export function scanSegment(dir: string, segment: number, from: number): { lines: QueuedLine[]; skipped: number } {
  let data: Buffer;
  try {
    data = fs.readFileSync(segmentPath(dir, segment));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], skipped: 0 };
    throw err;
  }
  const lines: QueuedLine[] = [];
  let skipped = 0;
  let start = Math.min(from, data.length);
  while (start < data.length) {
    const newline = data.indexOf(0x0a, start);
    const end = newline < 0 ? data.length : newline + 1;
    const text = data.toString('utf8', start, newline < 0 ? end : newline);
    if (newline >= 0 && parseEventLine(text)) lines.push({ segment, start, end });
    else if (text.trim() !== '') skipped++;
    start = end;
  }
  return { lines, skipped };
}

/** Reads the text of these lines (in order; consecutive lines of a segment in one read), without newlines. */
export function readLines(dir: string, lines: readonly QueuedLine[]): string[] {
  const texts: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1].segment === lines[i].segment && lines[j + 1].start === lines[j].end) j++;
    const from = lines[i].start;
    const buffer = Buffer.alloc(lines[j].end - from);
    const fd = fs.openSync(segmentPath(dir, lines[i].segment), 'r');
    try {
      for (let done = 0; done < buffer.length; ) {
        const read = fs.readSync(fd, buffer, done, buffer.length - done, from + done);
        if (read === 0) throw new Error(`queue segment ${lines[i].segment} is shorter than expected`);
        done += read;
      }
    } finally {
      fs.closeSync(fd);
    }
    for (let k = i; k <= j; k++) texts.push(buffer.toString('utf8', lines[k].start - from, lines[k].end - from - 1));
    i = j + 1;
  }
  return texts;
}
