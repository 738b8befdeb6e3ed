import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AtomicError, errorMessage, type ErrorReason } from '../errors';
import { analyzeBytes, type AnalyzeOutcome, type AnalyzeRequest } from './analyzeFile';
import type { FileRecord } from './codeTypes';
import { grammarLocator } from './grammarLocator';
import { TreeSitterLoader } from './treeSitterLoader';

/** Reads and analyses files: on this thread, or in worker threads so parsing never blocks it. */
export interface FileAnalyzer {
  analyze(req: AnalyzeRequest): Promise<AnalyzeOutcome>;
  /** How many requests are worth keeping in flight. */
  readonly concurrency: number;
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
  private readonly loader: TreeSitterLoader;

  constructor(private readonly root: string, assetDirs: readonly string[]) {
    this.loader = new TreeSitterLoader(grammarLocator(assetDirs));
  }

  async analyze(req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    const bytes = await fs.promises.readFile(path.join(this.root, req.path));
    return analyzeBytes(req, bytes, this.loader);
  }

  async dispose(): Promise<void> {
    this.loader.dispose();
  }
}

export interface WorkerJob {
  id: number;
  req: AnalyzeRequest;
}
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

class WorkerPoolAnalyzer implements FileAnalyzer {
  readonly concurrency: number;
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly script: string;

  constructor(private readonly options: AnalyzerOptions) {
    this.script = options.workerScript ?? path.join(__dirname, 'extractWorker.js');
    if (!fs.existsSync(this.script)) throw new AtomicError('configuration', `Index worker script not found: ${this.script}`);
    for (let i = 0; i < options.workers; i++) this.slots.push(this.spawn());
    this.concurrency = options.workers * 4;
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
      if ('error' in reply) pending.reject(reply.reason ? new AtomicError(reply.reason, reply.error) : new Error(reply.error));
      else pending.resolve(reply.outcome);
    });
    const fail = (err: Error) => {
      for (const p of slot.inFlight.values()) p.reject(err);
      slot.inFlight.clear();
      const at = this.slots.indexOf(slot);
      if (at >= 0 && !this.disposed) this.slots[at] = this.spawn();
    };
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`index worker exited (${code})`)));
    worker.unref();
    return slot;
  }

  analyze(req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    if (this.disposed) return Promise.reject(new AtomicError('cancelled', 'The index was closed.'));
    const slot = this.slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const id = this.nextId++;
    return new Promise<AnalyzeOutcome>((resolve, reject) => {
      slot.inFlight.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, req } satisfies WorkerJob);
    }).catch((err: unknown) => {
      throw err instanceof Error ? err : new Error(errorMessage(err));
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
