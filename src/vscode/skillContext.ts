import * as vscode from 'vscode';
import type { PathSafety } from '../core/edits/pathSafety';
import { AtomicError } from '../core/errors';
import { FsWorkspace } from '../core/fsWorkspace';
import { reportingWaits } from '../core/model/waitReports';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import type { FeedbackRecorder } from '../core/feedback/feedbackRecorder';
import type { SkillContext, SkillOrWorkflow, Surface } from '../core/skills/skillTypes';
import type { AskAnswer, WorkflowStep } from '../core/workflows/workflowTypes';
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

/** A modal choice when a workflow step's policy is `ask` (works from commands, chat and tools alike). */
async function askInModal(step: WorkflowStep, failure: string): Promise<AskAnswer> {
  const choice = await vscode.window.showWarningMessage(
    `Atomic Skills: the ${step.id} step failed.`,
    { modal: true, detail: failure.slice(0, 1500) },
    'Retry',
    'Continue Anyway',
  );
  return choice === 'Retry' ? 'retry' : choice === 'Continue Anyway' ? 'continue' : 'stop';
}

/** The repository's changes when the folder is one (never asks which): for a skill that can do without. */
async function changesIfAny(root: string) {
  const changes = await openChangeSource(false).catch(() => undefined);
  return changes && changes.root === root ? changes : undefined;
}

/**
 * Builds what a skill or workflow run needs from VS Code: the model, the repository or code index
 * it asks for, the consent-checked runner, and the recorder and the question a workflow's steps use.
 */
export async function createSkillContext(
  services: { models: ModelService; codeIndex: CodeIndexService; grammarAssetDirs: readonly string[]; consent: CommandConsentStore; journal: MutationJournal; feedback: { recorder: FeedbackRecorder } },
  skill: Pick<SkillOrWorkflow<unknown, unknown>, 'needs' | 'optionalNeeds'>,
  options: { surface: Surface; signal: AbortSignal; interactive: boolean; requestModel?: vscode.LanguageModelChat; progress?: (m: string) => void },
): Promise<SkillContext> {
  const { needs } = skill;
  // Fail before any model call: a skill that runs code could do nothing useful here.
  if (needsTrust(needs) && !vscode.workspace.isTrusted) throw untrustedWorkspace(needs);
  const required = needs.includes('git') ? await openChangeSource(options.interactive) : undefined;
  const root = required?.root ?? activeWorkspaceFolder().uri.fsPath;
  const changes = required ?? (skill.optionalNeeds?.includes('git') ? await changesIfAny(root) : undefined);
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
    askOnFailure: askInModal,
    record: (recorded, run, context) => recordSkillRun(services.feedback.recorder, recorded, run, context),
  };
}
