import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AtomicError, errorMessage, type ErrorReason } from '../errors';
import { readRegularFile } from '../regularFile';
import { analyzeBytes, analyzeReadOptions, type AnalyzeOutcome, type AnalyzeRequest } from './analyzeFile';
import type { FileRecord } from './codeTypes';
import { grammarLocator } from './grammarLocator';
import { TreeSitterLoader } from './treeSitterLoader';

/** Reads and analyses files: on this thread, or in worker threads so parsing never blocks it. */
export interface FileAnalyzer {
  /**
   * Loads the grammars of a run up front. Besides saving the first file of each language
   * the wait, it sidesteps a V8 stall: instantiating a grammar after another one's code has
   * run hot waits for that code's optimising compile, seconds for the large ones.
   */
  prepare(languageIds: readonly string[]): Promise<void>;
  analyze(req: AnalyzeRequest): Promise<AnalyzeOutcome>;
  /** How many requests are worth keeping in flight. */
  readonly concurrency: number;
  /** Ready without start-up cost (worker threads running, or on this thread). */
  readonly warm: boolean;
  dispose(): Promise<void>;
}

export interface AnalyzerOptions {
  root: string;
  assetDirs: readonly string[];
  /** 0: analyse on the calling thread (the index yields between files). */
  workers: number;
  /** The compiled extractWorker.js; default: next to this module (dist/ in the bundle). */
  workerScript?: string;
}

export function createAnalyzer(options: AnalyzerOptions): FileAnalyzer {
  return options.workers > 0 ? new WorkerPoolAnalyzer(options) : new InProcessAnalyzer(options.root, options.assetDirs);
}

export class InProcessAnalyzer implements FileAnalyzer {
  readonly concurrency = 2;
  readonly warm = true;
  private readonly loader: TreeSitterLoader;

  constructor(private readonly root: string, assetDirs: readonly string[]) {
    this.loader = new TreeSitterLoader(grammarLocator(assetDirs));
  }

  async prepare(languageIds: readonly string[]): Promise<void> {
    await Promise.all([this.loader.parser(), ...languageIds.map((id) => this.loader.language(id))]);
  }

  async analyze(req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    const bytes = await readRegularFile(path.join(this.root, req.path), analyzeReadOptions(req));
    return analyzeBytes(req, bytes, this.loader);
  }

  async dispose(): Promise<void> {
    this.loader.dispose();
  }
}

export type WorkerJob = { id: number; req: AnalyzeRequest } | { id: number; prepare: readonly string[] };
export type WorkerReply = { id: number; outcome: AnalyzeOutcome } | { id: number; error: string; reason?: ErrorReason };
export interface WorkerInit {
  root: string;
  assetDirs: readonly string[];
}

interface Pending {
  resolve: (o: AnalyzeOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
}

/** Buffers a record's typed arrays own, to transfer rather than copy between threads. */
export function transferables(record: FileRecord): ArrayBuffer[] {
  const arrays = [record.terms, record.termCounts, record.refs, record.symbols.kinds, record.symbols.lines, record.symbols.parents];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))].filter((b) => b.byteLength > 0);
}

/** Idle workers (each holds a V8 isolate and tree-sitter's memory) are stopped after this long. */
const workerIdleMs = 20_000;

class WorkerPoolAnalyzer implements FileAnalyzer {
  readonly concurrency: number;
  private slots: Slot[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly script: string;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AnalyzerOptions) {
    this.script = options.workerScript ?? path.join(__dirname, 'extractWorker.js');
    if (!fs.existsSync(this.script)) throw new AtomicError('configuration', `Index worker script not found: ${this.script}`);
    this.concurrency = options.workers * 4;
  }

  get warm(): boolean {
    return this.slots.length > 0;
  }

  /** Workers start on first use and stop when idle. */
  private pool(): Slot[] {
    if (this.slots.length === 0) for (let i = 0; i < this.options.workers; i++) this.slots.push(this.spawn());
    return this.slots;
  }

  private settle(): void {
    if (this.slots.some((s) => s.inFlight.size > 0)) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const idle = this.slots;
      this.slots = [];
      for (const s of idle) void s.worker.terminate();
    }, workerIdleMs);
    this.idleTimer.unref();
  }

  private spawn(): Slot {
    const init: WorkerInit = { root: this.options.root, assetDirs: this.options.assetDirs };
    const worker = new Worker(this.script, { workerData: init });
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const pending = slot.inFlight.get(reply.id);
      if (!pending) return;
      slot.inFlight.delete(reply.id);
      if (slot.inFlight.size === 0) worker.unref(); // an idle pool never keeps the process alive
      this.settle();
      if ('error' in reply) pending.reject(reply.reason ? new AtomicError(reply.reason, reply.error) : new Error(reply.error));
      else pending.resolve(reply.outcome);
    });
    const fail = (err: Error) => {
      for (const p of slot.inFlight.values()) p.reject(err);
      slot.inFlight.clear();
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1); // replaced on next use
    };
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`index worker exited (${code})`)));
    worker.unref();
    return slot;
  }

  async prepare(languageIds: readonly string[]): Promise<void> {
    if (this.disposed) throw new AtomicError('cancelled', 'The index was closed.');
    await Promise.all(this.pool().map((slot) => this.send(slot, { id: this.nextId++, prepare: languageIds })));
  }

  analyze(req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    if (this.disposed) return Promise.reject(new AtomicError('cancelled', 'The index was closed.'));
    const slot = this.pool().reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    return this.send(slot, { id: this.nextId++, req });
  }

  private send(slot: Slot, job: WorkerJob): Promise<AnalyzeOutcome> {
    clearTimeout(this.idleTimer);
    return new Promise<AnalyzeOutcome>((resolve, reject) => {
      slot.inFlight.set(job.id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage(job);
    }).catch((err: unknown) => {
      throw err instanceof Error ? err : new Error(errorMessage(err));
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
