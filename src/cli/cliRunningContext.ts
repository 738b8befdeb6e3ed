import { FsWorkspace } from '../core/fsWorkspace';
import type { SkillContext } from '../core/skills/skillTypes';
import { cliModel, cliSettings, type CliModelOptions } from './cliModel';
import { cliCommandRunner } from './cliRunner';
import { codeAssetDirs } from './codeAssets';
import type { CliIo as CodeCommandIo } from './cliIo';
import { keptVersionMessage } from '../core/mutate/mutationJournal';
import { cliMutationJournal } from './cliJournal';
import { repoFolder } from './repoFolder';

export interface RunningCommandOptions extends CliModelOptions {
  repo: string;
  json: boolean;
  /** Allow running model-written code without asking. */
  yes: boolean;
}

/**
 * The context of a CLI command whose skills run code: the model, the repository, the grammars,
 * the consent-checked runner and the journal (a crashed earlier run's leftovers repaired first).
 */
export async function cliRunningContext(options: RunningCommandOptions, io: CodeCommandIo): Promise<SkillContext> {
  const root = repoFolder(options.repo);
  const journal = cliMutationJournal(io.env);
  for (const r of await journal.recover()) {
    if (r.action === 'restored') io.err(`Restored ${r.file}, left changed by an interrupted run.`);
    else if (r.action === 'changedSinceKeptJournal') io.err(keptVersionMessage(r));
  }
  const settings = cliSettings(options, io.env);
  return {
    model: await cliModel(settings, io.env, io.err),
    workspace: new FsWorkspace(root),
    settings,
    signal: io.signal,
    surface: 'cli',
    grammarAssetDirs: codeAssetDirs(),
    run: cliCommandRunner(options.yes, io),
    journal,
    progress: options.json ? undefined : (m: string) => io.err(m),
  };
}
