import * as path from 'node:path';
import * as vscode from 'vscode';
import { CodeIndex } from '../core/code/codeIndex';
import { prepareRetrieval } from '../core/code/retrieve';
import { log } from './log';
import { readSettings } from './settings';

interface Entry {
  index: CodeIndex;
  /** The first full build (or the refresh of a cached index), shared by concurrent callers. */
  ready?: Promise<unknown>;
  pending: Set<string>;
  timer?: NodeJS.Timeout;
  watcher: vscode.FileSystemWatcher;
}

/**
 * One code index per workspace folder: opened on first use (never on activation), built on a
 * worker thread with a progress indicator, cached on disk, and kept fresh by a file watcher.
 */
export class CodeIndexService implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly extensionPath: string,
    private readonly cacheDir: string,
  ) {}

  private open(root: string): Entry {
    const existing = this.entries.get(root);
    if (existing) return existing;
    const exclude = Object.entries(vscode.workspace.getConfiguration('files', vscode.Uri.file(root)).get<Record<string, boolean>>('exclude') ?? {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
    const dist = path.join(this.extensionPath, 'dist');
    const index = CodeIndex.open({
      root,
      assetDirs: [dist],
      workerScript: path.join(dist, 'extractWorker.js'),
      workers: 1,
      cacheDir: this.cacheDir,
      exclude,
      maxFileBytes: readSettings().index.maxFileBytes,
    });
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '**/*'));
    const entry: Entry = { index, pending: new Set(), watcher };
    const changed = (uri: vscode.Uri) => this.queueUpdate(entry, path.relative(root, uri.fsPath).split(path.sep).join('/'));
    watcher.onDidChange(changed);
    watcher.onDidCreate(changed);
    watcher.onDidDelete(changed);
    this.entries.set(root, entry);
    return entry;
  }

  private queueUpdate(entry: Entry, rel: string): void {
    if (!rel || rel.startsWith('..') || rel.split('/').includes('.git')) return;
    entry.pending.add(rel);
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      const paths = [...entry.pending];
      entry.pending.clear();
      void entry.index.updateFiles(paths).then(
        () => entry.index.save(),
        (err) => log.warn(`Index update failed: ${err}`),
      );
    }, 500);
  }

  /** The index of `root`, up to date; the first call per folder builds it with a progress indicator. */
  async indexFor(root: string, signal: AbortSignal): Promise<CodeIndex> {
    const entry = this.open(root);
    entry.ready ??= Promise.resolve(vscode.window
      .withProgress({ location: vscode.ProgressLocation.Window, title: 'Atomic Skills: indexing' }, (progress) =>
        entry.index.refresh({
          onProgress: (p) => progress.report({ message: p.phase === 'indexing' ? `${p.filesDone}/${p.filesTotal} files` : p.phase }),
        }),
      )
      .then(
        async (stats) => {
          log.info(`Indexed ${root}: ${stats.files} files, ${stats.symbols} symbols in ${Math.round(stats.milliseconds)} ms`);
          // Retrieval statistics, built here while yielding rather than inside the first query.
          await prepareRetrieval(entry.index);
          return entry.index.save();
        },
        (err) => {
          entry.ready = undefined;
          throw err;
        },
      ));
    await Promise.race([
      entry.ready,
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('Cancelled', 'AbortError')), { once: true })),
    ]);
    return entry.index;
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      entry.watcher.dispose();
      void entry.index.save().finally(() => entry.index.dispose());
    }
    this.entries.clear();
  }
}
