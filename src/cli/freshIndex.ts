import * as os from 'node:os';
import { CodeIndex } from '../core/code/codeIndex';
import type { IndexStats } from '../core/code/codeTypes';
import type { CliIo } from './cliIo';
import { codeAssetDirs, defaultCacheDir } from './codeAssets';
import { repoFolder } from './repoFolder';

/** Opens the index of a folder for a CLI command and brings it up to date, with progress on stderr. */
export async function openFreshIndex(repo: string, io: CliIo, quiet: boolean): Promise<{ index: CodeIndex; stats: IndexStats }> {
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
