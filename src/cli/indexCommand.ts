import type { CliIo } from './cliIo';
import { openFreshIndex } from './freshIndex';

export interface IndexCommandOptions {
  repo: string;
  json: boolean;
}

/** `atomic-skills index`: builds or refreshes the code index of a folder; returns the exit code. */
export async function indexCommand(options: IndexCommandOptions, io: CliIo): Promise<number> {
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
