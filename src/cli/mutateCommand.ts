import * as path from 'node:path';
import { grammarLocator } from '../core/code/grammarLocator';
import { TreeSitterLoader } from '../core/code/treeSitterLoader';
import { keptVersionMessage, MutationJournal } from '../core/mutate/mutationJournal';
import { mutationTest } from '../core/mutate/mutationTesting';
import type { MutationReport } from '../core/mutate/mutantTypes';
import { formatCommandLine } from '../core/run/commandLine';
import { codeAssetDirs, defaultCacheDir } from './codeAssets';
import type { CliIo } from './cliIo';
import { cliMutationJournal } from './cliJournal';
import { splitTarget } from './targetFlag';
import { repoFolder } from './repoFolder';

export interface MutateCommandOptions {
  repo: string;
  /** FILE or FILE:SYMBOL, relative to the repository. */
  target: string;
  tests: string;
  mutants: number;
  timeoutSeconds: number;
  sandbox: boolean;
  json: boolean;
}

function renderText(report: MutationReport): string {
  const lines = [
    `Mutation score ${(report.score * 100).toFixed(0)}%: ${report.killed} of ${report.total} mutants killed${report.timedOut ? ` (${report.timedOut} by the time limit)` : ''}, ${report.survived} survived.`,
    `Target ${report.file}${report.symbol ? `:${report.symbol}` : ''}; ${report.generated} mutants generated; tests: ${formatCommandLine(report.command)} (${report.baselineMs} ms on the current code).`,
  ];
  const survivors = report.mutants.filter((m) => m.status === 'survived');
  if (survivors.length) {
    lines.push('', 'Surviving mutants (changes the tests do not notice):');
    for (const m of survivors) lines.push('', `${m.operator}: ${m.description}`, m.diff.split('\n').filter((l) => !/^(=+|---|\+\+\+) /.test(l) && !/^=+$/.test(l)).join('\n').trimEnd());
  }
  return lines.join('\n');
}

/**
 * `atomic-skills mutate`: the mutation score of existing tests, no model. Leftover mutants of a
 * crashed earlier run are restored first.
 */
export async function mutateCommand(options: MutateCommandOptions, io: CliIo): Promise<number> {
  const root = repoFolder(options.repo);
  const journal = cliMutationJournal(io.env);
  for (const r of await journal.recover()) {
    if (r.action === 'restored') io.err(`Restored ${r.file}, left mutated by an interrupted run.`);
    else if (r.action === 'changedSinceKeptJournal') io.err(keptVersionMessage(r));
  }
  const { file, symbol } = splitTarget(options.target);
  const loader = new TreeSitterLoader(grammarLocator(codeAssetDirs()));
  try {
    const report = await mutationTest({
      root,
      target: file,
      symbol,
      testFile: options.tests,
      maxMutants: options.mutants,
      loader,
      journal,
      sandbox: options.sandbox,
      timeoutMs: options.timeoutSeconds * 1000,
      signal: io.signal,
      progress: options.json ? undefined : (m) => io.err(m),
    });
    io.out(options.json ? JSON.stringify(report, null, 2) : renderText(report));
    return 0;
  } finally {
    loader.dispose();
  }
}
