import * as path from 'node:path';
import { ignoredFolders } from '../workspace';
import { AtomicError, isCancellation, throwIfAborted } from '../errors';
import { skippedRecord, type AnalyzeRequest } from './analyzeFile';
import type { FileRecord, IndexProgress, IndexStats } from './codeTypes';
import { createAnalyzer, type FileAnalyzer } from './fileAnalyzer';
import { classifyByName } from './fileClassifier';
import { statOrUndefined, walkFiles, type WalkedFile } from './fileWalker';
import { grammarLocator } from './grammarLocator';
import { IgnoreRules } from './ignoreRules';
import { languageForPath } from './languages';
import { cacheFileFor, indexFingerprint, readIndexCache, writeIndexCache } from './indexCache';
import { realPathInside, realRootOf } from './realPathInside';
import { TimeSlicer } from './timeSlicer';

export interface CodeIndexOptions {
  /** The workspace folder (absolute). */
  root: string;
  /** Folders holding tree-sitter.wasm, the grammars and queries/ (see grammarLocator). */
  assetDirs: readonly string[];
  /** Where the on-disk cache lives; no cache when undefined. */
  cacheDir?: string;
  /** Files larger than this are listed but not read (default 1 MiB). */
  maxFileBytes?: number;
  /** Extra globs to leave out (VS Code's files.exclude). */
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  useGitignore?: boolean;
  /** Worker threads that parse (default 0: parse on this thread, yielding every few ms). */
  workers?: number;
  workerScript?: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: IndexProgress) => void;
}

export const defaultMaxFileBytes = 1 << 20;
const maxChangeLog = 10_000;

interface RunCounts {
  reused: number;
  rehashed: number;
  analyzed: number;
}

/**
 * The code index of one workspace folder: per file its definitions, references and text terms.
 * `refresh()` brings it up to date incrementally (size and mtime, then content hash), reusing
 * the on-disk cache; `updateFiles()` is the file watcher's entry. Runs serialise.
 */
export class CodeIndex {
  private readonly records = new Map<string, FileRecord>();
  /** Kept with every change so stats() is O(1): a watcher event at 80k files should not walk them all. */
  private readonly totals = { parsed: 0, skipped: 0, symbols: 0, bytes: 0 };
  private readonly analyzer: FileAnalyzer;
  /** Parses single files on this thread when the worker pool is not running. */
  private quick: FileAnalyzer | undefined;
  private readonly fingerprint: string;
  private readonly maxFileBytes: number;
  private queue: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private loaded = false;
  private realRoot: string | undefined;
  /** One path per version bump, the most recent last. */
  private readonly changeLog: string[] = [];
  /** Bumped whenever records change, so derived data (retrieval statistics) can be refreshed. */
  version = 0;

  private constructor(readonly options: CodeIndexOptions) {
    this.maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
    this.fingerprint = indexFingerprint(grammarLocator(options.assetDirs), this.maxFileBytes);
    this.analyzer = createAnalyzer({ root: options.root, assetDirs: options.assetDirs, workers: options.workers ?? 0, workerScript: options.workerScript });
  }

  /** Opens an index; does no I/O beyond locating assets. The cache is read by `load()` (or the first run). */
  static open(options: CodeIndexOptions): CodeIndex {
    return new CodeIndex({ ...options, root: path.resolve(options.root) });
  }

  /** Reads the on-disk cache, if there is a usable one, cooperatively; returns how many records it gave. Once. */
  load(signal?: AbortSignal): Promise<number> {
    return this.serialised(() => this.loadNow(signal));
  }

  private async loadNow(signal?: AbortSignal): Promise<number> {
    if (this.loaded) return 0;
    const cached = this.options.cacheDir ? await readIndexCache(cacheFileFor(this.options.cacheDir, this.root), this.fingerprint, signal) : undefined;
    this.loaded = true;
    for (const r of cached ?? []) if (!this.records.has(r.path)) this.setRecord(r);
    if (cached?.length) this.version++;
    return cached?.length ?? 0;
  }

  get root(): string {
    return this.options.root;
  }

  get size(): number {
    return this.records.size;
  }

  file(relPath: string): FileRecord | undefined {
    return this.records.get(relPath);
  }

  files(): IterableIterator<FileRecord> {
    return this.records.values();
  }

  /**
   * The absolute real path of a root-relative file, or undefined when it is missing or its real
   * path is outside the root (a symlink leading out). Read indexed files only through this.
   */
  resolve(relPath: string): string | undefined {
    this.realRoot ??= realRootOf(this.root);
    return realPathInside(this.realRoot ?? this.root, path.join(this.root, relPath));
  }

  /** Scans the folder and re-analyses what changed; saves the cache when anything did. */
  refresh(run: RunOptions = {}): Promise<IndexStats> {
    return this.serialised(async () => (await this.loadNow(run.signal), this.doRefresh(run)));
  }

  /** Re-checks the given root-relative paths (changed, created or deleted), as a file watcher reports them. */
  updateFiles(relPaths: readonly string[], run: RunOptions = {}): Promise<IndexStats> {
    return this.serialised(async () => (await this.loadNow(run.signal), this.doUpdate(relPaths, run)));
  }

  /** Writes the cache if records changed since the last save. */
  save(): Promise<void> {
    return this.serialised(() => this.saveNow());
  }

  async dispose(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.analyzer.dispose();
    await this.quick?.dispose();
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async saveNow(): Promise<void> {
    if (!this.options.cacheDir || !this.dirty) return;
    this.dirty = false;
    try {
      await writeIndexCache(cacheFileFor(this.options.cacheDir, this.root), this.fingerprint, [...this.records.values()]);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }

  private rules(): IgnoreRules {
    return new IgnoreRules(this.root, { exclude: this.options.exclude, excludedFolderNames: ignoredFolders, useGitignore: this.options.useGitignore });
  }

  private async doRefresh(run: RunOptions): Promise<IndexStats> {
    const started = performance.now();
    run.onProgress?.({ phase: 'scanning', filesDone: 0, filesTotal: 0 });
    const walked = await walkFiles(this.root, this.rules(), run.signal);
    const present = new Set(walked.map((f) => f.path));
    for (const p of [...this.records.keys()]) if (!present.has(p)) this.remove(p);
    const counts = await this.analyzeAll(walked, run);
    if (counts.analyzed > 0 || this.dirty) {
      run.onProgress?.({ phase: 'saving', filesDone: walked.length, filesTotal: walked.length });
      await this.saveNow();
    }
    run.onProgress?.({ phase: 'done', filesDone: walked.length, filesTotal: walked.length });
    return this.stats(counts, started);
  }

  private async doUpdate(relPaths: readonly string[], run: RunOptions): Promise<IndexStats> {
    if (relPaths.some((p) => p.endsWith('.gitignore'))) return this.doRefresh(run);
    const started = performance.now();
    const rules = this.rules();
    const changed: WalkedFile[] = [];
    for (const p of new Set(relPaths.map((r) => r.replace(/\\/g, '/')))) {
      const ignored = ignoredByAncestors(rules, p); // validates the path first
      const real = ignored ? undefined : this.resolve(p);
      const stat = real === undefined ? undefined : statOrUndefined(real);
      if (!stat || ignored) this.remove(p);
      else changed.push({ path: p, size: stat.size, mtimeMs: stat.mtimeMs });
    }
    const counts = await this.analyzeAll(changed, run);
    return this.stats(counts, started);
  }

  private remove(relPath: string): void {
    const old = this.records.get(relPath);
    if (!old) return;
    this.count(old, -1);
    this.records.delete(relPath);
    this.touch(relPath);
  }

  private put(record: FileRecord): void {
    this.setRecord(record);
    this.touch(record.path);
  }

  private setRecord(record: FileRecord): void {
    const old = this.records.get(record.path);
    if (old) this.count(old, -1);
    this.records.set(record.path, record);
    this.count(record, 1);
  }

  private count(r: FileRecord, sign: 1 | -1): void {
    if (r.language) this.totals.parsed += sign;
    if (r.skipped) this.totals.skipped += sign;
    this.totals.symbols += sign * r.symbols.names.length;
    this.totals.bytes += sign * r.size;
  }

  private touch(path?: string): void {
    this.dirty = true;
    this.version++;
    if (path === undefined) return;
    this.changeLog.push(path);
    if (this.changeLog.length > maxChangeLog) this.changeLog.splice(0, this.changeLog.length - maxChangeLog);
  }

  /**
   * Paths changed (added, modified, removed) since `version`, or undefined when that is too long
   * ago to tell. Lets derived data (retrieval statistics) patch itself instead of rebuilding.
   */
  changedSince(version: number): string[] | undefined {
    const back = this.version - version;
    if (back < 0 || back > this.changeLog.length) return undefined;
    return [...new Set(this.changeLog.slice(this.changeLog.length - back))];
  }

  /** Brings the records of the given files up to date; returns how many were reused and analysed. */
  private async analyzeAll(files: WalkedFile[], run: RunOptions): Promise<RunCounts> {
    const slicer = new TimeSlicer(run.signal);
    const todo: AnalyzeRequest[] = [];
    let reused = 0;
    let rehashed = 0;
    for (const f of files) {
      const old = this.records.get(f.path);
      if (old && old.size === f.size && old.mtimeMs === f.mtimeMs) reused++;
      else if (f.size > this.maxFileBytes) this.put(skippedRecord(f, 'tooLarge'));
      else if (classifyByName(f.path)) this.put(skippedRecord(f, classifyByName(f.path)!));
      else todo.push({ ...f, knownHash: old?.hash || undefined });
    }
    const languageIds = new Set<string>();
    for (const req of todo) {
      const spec = languageForPath(req.path);
      if (spec) languageIds.add(spec.id);
    }
    // A few files while the worker pool sleeps (a watcher event): parsing them here costs less than waking it.
    const analyzer = todo.length <= 4 && !this.analyzer.warm ? (this.quick ??= createAnalyzer({ root: this.root, assetDirs: this.options.assetDirs, workers: 0 })) : this.analyzer;
    if (languageIds.size > 0) await analyzer.prepare([...languageIds]);
    const total = files.length;
    let done = total - todo.length;
    let lastReport = 0;
    const report = () => run.onProgress?.({ phase: 'indexing', filesDone: done, filesTotal: total });
    report();
    let next = 0;
    const workerLoop = async () => {
      while (next < todo.length) {
        throwIfAborted(run.signal);
        const req = todo[next++];
        try {
          const outcome = await analyzer.analyze(req);
          if ('record' in outcome) this.put(outcome.record);
          else {
            rehashed++;
            this.put({ ...this.records.get(req.path)!, mtimeMs: req.mtimeMs, size: req.size });
          }
        } catch (err) {
          if (isCancellation(err) || (err instanceof AtomicError && err.reason === 'configuration')) throw err;
          this.remove(req.path); // unreadable or vanished: drop it; the next refresh retries
        }
        done++;
        if (performance.now() - lastReport > 100) (lastReport = performance.now()), report();
        await slicer.tick();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, analyzer.concurrency) }, workerLoop));
    throwIfAborted(run.signal);
    report();
    return { reused, rehashed, analyzed: todo.length - rehashed };
  }

  /** Totals of the index, with the counts and duration of the run that produced them. */
  stats(counts: RunCounts = { reused: 0, rehashed: 0, analyzed: 0 }, started = performance.now()): IndexStats {
    return {
      files: this.records.size,
      parsedFiles: this.totals.parsed,
      skippedFiles: this.totals.skipped,
      symbols: this.totals.symbols,
      bytes: this.totals.bytes,
      reusedFiles: counts.reused,
      rehashedFiles: counts.rehashed,
      analyzedFiles: counts.analyzed,
      milliseconds: Math.round(performance.now() - started),
    };
  }
}

/** Whether a path or one of its folders is left out (a watcher reports paths the walk never enters). */
function ignoredByAncestors(rules: IgnoreRules, relPath: string): boolean {
  const parts = relPath.split('/');
  if (parts.some((p) => p === '..' || p === '' || p === '.') || path.isAbsolute(relPath)) {
    throw new AtomicError('outsideWorkspace', `Not a workspace-relative path: ${relPath}`);
  }
  for (let i = 0; i < parts.length; i++) rules.loadFolder(parts.slice(0, i).join('/'));
  for (let i = 1; i < parts.length; i++) if (rules.ignores(parts.slice(0, i).join('/'), true)) return true;
  return rules.ignores(relPath, false);
}
