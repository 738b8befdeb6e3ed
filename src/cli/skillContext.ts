import type { CodeIndex } from '../core/code/codeIndex';
import type { Settings } from '../core/config';
import { FsWorkspace } from '../core/fsWorkspace';
import { GitChanges } from '../core/git/gitChanges';
import type { ChatModel } from '../core/model/types';
import { keptVersionMessage } from '../core/mutate/mutationJournal';
import type { CommandRunner, SkillContext, SkillNeed, Surface } from '../core/skills/skillTypes';
import type { CliIo } from './cliIo';
import { cliMutationJournal } from './cliJournal';
import { codeAssetDirs } from './codeAssets';
import { openFreshIndex } from './freshIndex';

export interface SkillContextOptions {
  /** The repository folder (already checked by repoFolder). */
  root: string;
  /** The model, or how to resolve it: resolved after the repository is opened, so a folder that is not one fails before any request. */
  model: ChatModel | (() => Promise<ChatModel>);
  settings: Settings;
  surface: Surface;
  /** Runs commands with the surface's consent; given only to skills that need 'run'. */
  run?: CommandRunner;
  progress?: (message: string) => void;
  /** Without 'git' in needs, open the repository anyway if there is one (a workflow reviews its patch against it). */
  gitIfPresent?: boolean;
  /** Index progress is not printed (--json, MCP). */
  quiet?: boolean;
}

export interface OpenedSkillContext {
  context: SkillContext;
  /** Closes what the run opened (the code index and its workers). */
  dispose(): Promise<void>;
}

/**
 * The context of a skill run outside the editor (CLI, MCP), from what the skill needs: the
 * repository's changes for 'git', the code index (built on first use) for 'index', and for 'run'
 * the runner and the mutation journal, a crashed earlier run's leftovers repaired first.
 */
export async function openSkillContext(needs: readonly SkillNeed[], options: SkillContextOptions, io: CliIo): Promise<OpenedSkillContext> {
  const { root } = options;
  const changes = needs.includes('git')
    ? await GitChanges.open(root, 'git', { runFilters: false })
    : options.gitIfPresent
      ? await GitChanges.open(root, 'git', { runFilters: false }).catch(() => undefined)
      : undefined;
  const runs = needs.includes('run');
  const journal = runs ? cliMutationJournal(io.env) : undefined;
  for (const r of (await journal?.recover()) ?? []) {
    if (r.action === 'restored') io.err(`Restored ${r.file}, left changed by an interrupted run.`);
    else if (r.action === 'changedSinceKeptJournal') io.err(keptVersionMessage(r));
  }
  const model = typeof options.model === 'function' ? await options.model() : options.model;
  let index: Promise<CodeIndex> | undefined;
  const context: SkillContext = {
    model,
    workspace: new FsWorkspace(changes?.root ?? root),
    changes,
    codeIndex: needs.includes('index') ? () => (index ??= openFreshIndex(root, io, options.quiet ?? false).then((o) => o.index)) : undefined,
    grammarAssetDirs: codeAssetDirs(),
    run: runs ? options.run : undefined,
    journal,
    settings: options.settings,
    signal: io.signal,
    surface: options.surface,
    progress: options.progress,
  };
  return {
    context,
    dispose: async () => {
      await (await index?.catch(() => undefined))?.dispose();
    },
  };
}
