/**
 * The preference-data store: append-only JSON Lines files in one folder (the extension's global storage, or a folder
 * the CLI names), one event per line.
 *
 * Zero loss with several writers (VS Code windows, the CLI): every FeedbackStore instance is its own writer with a
 * random id and appends only to files it created (`events-<UTC time>-<writer>-<seq>.jsonl`, created exclusively, so
 * names sort by time and never collide). Nobody else writes to those files, so concurrent writers cannot interleave.
 * Each event is one complete line handed to the OS in one append write (O_APPEND); a crash can therefore only leave
 * a cut LAST line in that writer's current file, and a writer never appends after a failed write: it abandons the
 * file and starts a new one. Within a process, appends are serialised on a promise chain. A file rotates when the next
 * write would take it past `maxFileBytes` (default 8 MiB).
 *
 * Readers stream every file line by line; a line that does not parse or validate is skipped and counted in
 * `damagedLines`. Events are redacted on the way in (unless `redact: false`), whoever built them, and kept within the
 * size caps of recordSize.ts (1 MiB a string, 4 MiB an event: longer text is cut with a `…[truncated N MiB]` marker).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FeedbackEvent } from './feedbackTypes';
import { forEachLine } from './jsonLines';
import { isFeedbackEvent, parseEventLine, RecordFolder, type FoldResult, type RecordFilter } from './foldEvents';
import { redactEvent } from './redact';
import { capEventSize } from './recordSize';

export const defaultMaxFileBytes = 8 * 1024 * 1024;
const fileNamePattern = /^events-.+\.jsonl$/;
/** Largest single write: a batch of lines is split into writes of about this size. */
const batchBytes = 1 << 20;

export interface FeedbackStoreOptions {
  /** Rotate to a new file when the next write would pass this size. */
  maxFileBytes?: number;
  /** Redact every event before it is written (default true). */
  redact?: boolean;
  /** This writer's id in file names (default: random). */
  writerId?: string;
  /** The clock used for file names (tests). */
  now?: () => Date;
}

export interface ReadStats {
  files: number;
  events: number;
  /** Lines that did not parse or validate (a cut last line after a crash, or damage), skipped. */
  damagedLines: number;
}

export interface ReadRecordsResult extends FoldResult {
  damagedLines: number;
}

export class FeedbackStore {
  readonly folder: string;
  private readonly maxFileBytes: number;
  private readonly redact: boolean;
  private readonly writerId: string;
  private readonly now: () => Date;
  private chain: Promise<unknown> = Promise.resolve();
  private handle: fs.promises.FileHandle | undefined;
  private currentFile: string | undefined;
  private currentSize = 0;
  private seq = 0;

  constructor(folder: string, options: FeedbackStoreOptions = {}) {
    this.folder = path.resolve(folder);
    this.maxFileBytes = Math.max(1, options.maxFileBytes ?? defaultMaxFileBytes);
    this.redact = options.redact ?? true;
    this.writerId = (options.writerId ?? randomUUID().slice(0, 8)).replace(/[^A-Za-z0-9_]/g, '');
    this.now = options.now ?? (() => new Date());
  }

  /** The file this writer appends to now (undefined before the first append or after an abandoned write). */
  get activeFile(): string | undefined {
    return this.currentFile;
  }

  append(event: FeedbackEvent): Promise<void> {
    return this.appendMany([event]);
  }

  /** Appends events in order; resolves when the OS has them all. Rejects (writing nothing) when one is not a valid event. */
  appendMany(events: readonly FeedbackEvent[]): Promise<void> {
    return this.serialise(() => this.write(events));
  }

  /** Every event file in the folder (all writers), oldest name first. */
  async files(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.folder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names.filter((n) => fileNamePattern.test(n)).sort().map((n) => path.join(this.folder, n));
  }

  /** Streams every event (oldest file first, in line order) to `visit`; skips and counts damaged lines. */
  async scan(visit: (event: FeedbackEvent) => void, options: { since?: Date } = {}): Promise<ReadStats> {
    const sinceMs = options.since?.getTime();
    const stats: ReadStats = { files: 0, events: 0, damagedLines: 0 };
    for (const file of await this.files()) {
      stats.files++;
      try {
        await forEachLine(file, (line) => {
          const event = parseEventLine(line);
          if (!event) return void stats.damagedLines++;
          if (sinceMs !== undefined && Date.parse(event.time) < sinceMs) return;
          stats.events++;
          visit(event);
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // deleted while reading
      }
    }
    return stats;
  }

  /** Every event (at or after `since`), in file and line order, and the count of damaged lines. */
  async readEvents(options: { since?: Date } = {}): Promise<{ events: FeedbackEvent[]; damagedLines: number }> {
    const events: FeedbackEvent[] = [];
    const { damagedLines } = await this.scan((e) => events.push(e), options);
    return { events, damagedLines };
  }

  /** Records (of a skill, created at or after `since`) with their labels folded in; see RecordFolder. */
  async readRecords(filter: RecordFilter = {}): Promise<ReadRecordsResult> {
    const folder = new RecordFolder(filter);
    const { damagedLines } = await this.scan((e) => folder.add(e));
    return { ...folder.result(), damagedLines };
  }

  /** Deletes every event file of every writer; returns how many. The next append starts a new file. */
  deleteAll(): Promise<number> {
    return this.serialise(async () => {
      await this.closeFile();
      let deleted = 0;
      for (const file of await this.files()) {
        await fs.promises.rm(file, { force: true });
        deleted++;
      }
      return deleted;
    });
  }

  /** Closes the open file after pending appends; a later append opens a new one. */
  close(): Promise<void> {
    return this.serialise(() => this.closeFile());
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async write(events: readonly FeedbackEvent[]): Promise<void> {
    const lines: Buffer[] = [];
    for (const event of events) {
      const stored = capEventSize(this.redact ? redactEvent(event) : event);
      if (!isFeedbackEvent(stored)) throw new TypeError(`Not a feedback event (v${String((event as { v?: unknown }).v)}, ${String((event as { type?: unknown }).type)}); nothing was written.`);
      lines.push(Buffer.from(JSON.stringify(stored) + '\n', 'utf8'));
    }
    let batch: Buffer[] = [];
    let size = 0;
    for (const line of lines) {
      if (size > 0 && (size + line.length > batchBytes || this.wouldRotate(size + line.length))) {
        await this.writeBatch(Buffer.concat(batch, size));
        batch = [];
        size = 0;
      }
      batch.push(line);
      size += line.length;
    }
    if (size > 0) await this.writeBatch(Buffer.concat(batch, size));
  }

  private wouldRotate(bytes: number): boolean {
    return this.currentSize > 0 && this.currentSize + bytes > this.maxFileBytes;
  }

  /** One append of complete lines. After a failure the file (maybe ending in a cut line) is abandoned. */
  private async writeBatch(data: Buffer): Promise<void> {
    if (this.wouldRotate(data.length)) await this.closeFile();
    if (this.handle) {
      // Another window (or the CLI) may have deleted the store: never append to an unlinked file.
      const unlinked = await this.handle.stat().then(
        (stat) => stat.nlink === 0,
        async (err) => {
          await this.closeFile();
          throw err;
        },
      );
      if (unlinked) await this.closeFile();
    }
    const handle = this.handle ?? (await this.openNewFile());
    try {
      let offset = 0;
      while (offset < data.length) {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
        offset += bytesWritten;
      }
      this.currentSize += data.length;
    } catch (err) {
      await this.closeFile();
      throw err;
    }
  }

  private async openNewFile(): Promise<fs.promises.FileHandle> {
    await fs.promises.mkdir(this.folder, { recursive: true });
    for (;;) {
      const stamp = this.now().toISOString().replace(/[-:]/g, '').replace('.', '');
      const name = `events-${stamp}-${this.writerId}-${String(this.seq++).padStart(4, '0')}.jsonl`;
      const file = path.join(this.folder, name);
      try {
        this.handle = await fs.promises.open(file, 'ax', 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      this.currentFile = file;
      this.currentSize = 0;
      return this.handle;
    }
  }

  private async closeFile(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.currentFile = undefined;
    this.currentSize = 0;
    if (handle) await handle.close().catch(() => undefined);
  }
}
