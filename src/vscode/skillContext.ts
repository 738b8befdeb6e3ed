import * as vscode from 'vscode';
import { FsWorkspace } from '../core/fsWorkspace';
import type { SkillContext, Surface } from '../core/skills/skillTypes';
import { openChangeSource } from './gitRepository';
import type { ModelService } from './modelService';
import { readSettings } from './settings';

/** Builds what a skill run needs from VS Code: the model, the repository and the settings. */
export async function createSkillContext(
  models: ModelService,
  options: { surface: Surface; signal: AbortSignal; interactive: boolean; requestModel?: vscode.LanguageModelChat; progress?: (m: string) => void },
): Promise<SkillContext> {
  const changes = await openChangeSource(options.interactive);
  const model = await models.resolve(options.requestModel);
  return {
    model,
    changes,
    workspace: new FsWorkspace(changes.root),
    settings: readSettings(vscode.Uri.file(changes.root)),
    signal: options.signal,
    surface: options.surface,
    progress: options.progress,
  };
}
