import * as vscode from 'vscode';
import type { PathSafety } from '../core/edits/pathSafety';
import { AtomicError } from '../core/errors';
import { FsWorkspace } from '../core/fsWorkspace';
import { reportingWaits } from '../core/model/waitReports';
import type { SkillContext, SkillNeed, Surface } from '../core/skills/skillTypes';
import type { CodeIndexService } from './codeIndexService';
import { openChangeSource } from './gitRepository';
import type { ModelService } from './modelService';
import { readSettings } from './settings';
import type { MutationJournal } from '../core/mutate/mutationJournal';
import { type CommandConsentStore, needsTrust, untrustedWorkspace, vscodeCommandRunner } from './run/commandRunner';

/** The workspace folder of the active editor, else the first one. */
export function activeWorkspaceFolder(): vscode.WorkspaceFolder {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new AtomicError('configuration', 'Open a folder first: Atomic Skills works on a workspace folder.');
  if (folder.uri.scheme !== 'file') throw new AtomicError('configuration', `Atomic Skills needs a local folder; ${folder.uri.toString()} is not one.`);
  return folder;
}

/** A modal question per path an edit wants to write outside the workspace, in .git or in editor settings. */
async function confirmUnsafePath(safety: PathSafety): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `The proposed edit wants to write a file that needs your permission: ${safety.message}`,
    { modal: true, detail: 'Allow it only if you asked for this file to change. The edit is still shown as a diff before anything is written.' },
    'Allow This File',
  );
  return choice === 'Allow This File';
}

/** Builds what a skill run needs from VS Code: the model, and the repository or code index the skill asks for. */
export async function createSkillContext(
  services: { models: ModelService; codeIndex: CodeIndexService; grammarAssetDirs: readonly string[]; consent: CommandConsentStore; journal: MutationJournal },
  needs: readonly SkillNeed[],
  options: { surface: Surface; signal: AbortSignal; interactive: boolean; requestModel?: vscode.LanguageModelChat; progress?: (m: string) => void },
): Promise<SkillContext> {
  // Fail before any model call: a skill that runs code could do nothing useful here.
  if (needsTrust(needs) && !vscode.workspace.isTrusted) throw untrustedWorkspace(needs);
  const changes = needs.includes('git') ? await openChangeSource(options.interactive) : undefined;
  const root = changes?.root ?? activeWorkspaceFolder().uri.fsPath;
  const model = await services.models.resolve(options.requestModel);
  return {
    model: reportingWaits(model, options.progress),
    changes,
    codeIndex: needs.includes('index') ? (signal) => services.codeIndex.indexFor(root, signal) : undefined,
    workspace: new FsWorkspace(root),
    grammarAssetDirs: services.grammarAssetDirs,
    run: vscodeCommandRunner(services.consent),
    journal: services.journal,
    // A tool call cannot ask: an unsafe path proposed there is refused and reported to the model.
    confirmUnsafePath: options.surface === 'tool' ? undefined : confirmUnsafePath,
    settings: readSettings(vscode.Uri.file(root)),
    signal: options.signal,
    surface: options.surface,
    progress: options.progress,
  };
}
