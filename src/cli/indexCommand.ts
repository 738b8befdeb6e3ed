import * as os from 'node:os';
import { CodeIndex } from '../core/code/codeIndex';
import type { IndexStats } from '../core/code/codeTypes';
import { codeAssetDirs, defaultCacheDir } from './codeAssets';
import { repoFolder } from './repoFolder';

export interface IndexCommandOptions {
  repo: string;
  json: boolean;
}

export interface CodeCommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

/** Opens the index of a folder for a CLI command and brings it up to date, with progress on stderr. */
export async function openFreshIndex(repo: string, io: CodeCommandIo, quiet: boolean): Promise<{ index: CodeIndex; stats: IndexStats }> {
  const root = repoFolder(repo);
  const index = CodeIndex.open({ root, assetDirs: codeAssetDirs(), cacheDir: defaultCacheDir(io.env), workers: Math.max(1, os.availableParallelism()) });
  let last = performance.now();
  try {
    const stats = await index.refresh({
      signal: io.signal,
      onProgress: (p) => {
        if (quiet || p.phase !== 'indexing' || performance.now() - last < 2000) return;
        last = performance.now();
        io.err(`indexing ${p.filesDone}/${p.filesTotal} files…`);
      },
    });
    return { index, stats };
  } catch (err) {
    await index.dispose();
    throw err;
  }
}

/** `atomic-skills index`: builds or refreshes the code index of a folder; returns the exit code. */
export async function indexCommand(options: IndexCommandOptions, io: CodeCommandIo): Promise<number> {
  const { index, stats } = await openFreshIndex(options.repo, io, options.json);
  await index.dispose();
  const summary = {
    files: stats.files,
    parsedFiles: stats.parsedFiles,
    skippedFiles: stats.skippedFiles,
    symbols: stats.symbols,
    bytes: stats.bytes,
    milliseconds: stats.milliseconds,
    reusedFiles: stats.reusedFiles,
    analyzedFiles: stats.analyzedFiles,
  };
  if (options.json) io.out(JSON.stringify(summary, null, 2));
  else {
    io.out(
      `Indexed ${stats.files} files (${stats.parsedFiles} parsed, ${stats.skippedFiles} skipped), ` +
        `${stats.symbols} symbols, ${stats.bytes} bytes in ${stats.milliseconds} ms ` +
        `(${stats.reusedFiles} unchanged, ${stats.analyzedFiles} read).`,
    );
  }
  return 0;
}
