import * as vscode from 'vscode';
import { recordSkillRun } from '../../core/feedback/recordSkillRun';
import type { Surface } from '../../core/skills/skillTypes';
import { findWorkflow } from '../../core/workflows/workflowLoader';
import { runWorkflow, type AskAnswer, type WorkflowHost } from '../../core/workflows/workflowRunner';
import type { StepRecord, WorkflowDefinition, WorkflowResult, WorkflowStep } from '../../core/workflows/workflowTypes';
import { openChangeSource } from '../gitRepository';
import type { Services } from '../services';
import { createSkillContext } from '../skillContext';

export interface WorkflowRun {
  def: WorkflowDefinition;
  result: WorkflowResult;
  root: string;
  /** The preference records of the steps' skill runs. */
  recordIds: string[];
}

/** A modal choice when a step's policy is `ask` (works from commands, chat and tools alike). */
async function askInModal(step: WorkflowStep, failure: string): Promise<AskAnswer> {
  const choice = await vscode.window.showWarningMessage(
    `Atomic Skills: the ${step.id} step failed.`,
    { modal: true, detail: failure.slice(0, 1500) },
    'Retry',
    'Continue Anyway',
  );
  return choice === 'Retry' ? 'retry' : choice === 'Continue Anyway' ? 'continue' : 'stop';
}

/**
 * Runs a workflow (built in, or from the workspace's .atomic/workflows) in VS Code: the model, the
 * code index, the repository's changes when there is one, the consent-checked runner; every
 * step's skill run is recorded.
 */
export async function runWorkflowHere(
  services: Services,
  name: string,
  issue: string,
  options: { surface: Surface; signal: AbortSignal; interactive: boolean; requestModel?: vscode.LanguageModelChat; progress?: (m: string) => void; onStep?: WorkflowHost['onStep'] },
): Promise<WorkflowRun> {
  // Every built-in workflow verifies, reproduces or tests: it runs code.
  const context = await createSkillContext(services, ['index', 'run'], options);
  const changes = await openChangeSource(false).catch(() => undefined);
  const root = context.workspace.root;
  const def = await findWorkflow(root, name);
  const recordIds: string[] = [];
  const result = await runWorkflow(def, { issue }, {
    context: { ...context, changes: changes && changes.root === root ? changes : undefined },
    ask: askInModal,
    onStep: (event) => {
      if (!event.record) options.progress?.(`${def.title}: ${event.step.title ?? event.step.id}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}…`);
      options.onStep?.(event);
    },
    record: async (skill, run, ctx) => {
      const id = await recordSkillRun(services.feedback.recorder, skill, run, ctx);
      if (id) recordIds.push(id);
      return id;
    },
  });
  return { def, result, root, recordIds };
}

export function stepLine(record: StepRecord): string {
  const icon = record.status === 'passed' ? '✅' : record.status === 'skipped' ? '⏭️' : '❌';
  const detail = record.check.detail ? ` — ${record.check.detail.split('\n')[0].slice(0, 240)}` : '';
  return `${icon} **${record.step}** (${record.skill}${record.attempt > 1 ? `, attempt ${record.attempt}` : ''}, ${(record.durationMs / 1000).toFixed(1)} s): ${record.check.name} ${record.check.passed ? 'passed' : 'failed'}${detail}`;
}

/** Markdown of a finished run: each step, then the patch. */
export function summarizeWorkflow(run: WorkflowRun): string {
  const { result, def } = run;
  const head = result.status === 'succeeded' ? `**${def.title}: done.** The patch below is proposed, not written.` : `**${def.title}: ${result.status}${result.failedStep ? ` at ${result.failedStep}` : ''}.** Nothing was written.`;
  const lines = [head, '', ...result.steps.map((r) => `- ${stepLine(r)}`)];
  if (result.patch) lines.push('', '```diff', result.patch.trimEnd(), '```');
  return lines.join('\n');
}
