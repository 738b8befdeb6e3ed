import type { ProposedFile } from '../diff/proposedFile';
import type { ErrorReason } from '../errors';
import type { TokenUsage } from '../model/types';

/**
 * What happens when a step's check fails: `retry` runs again (from `from`, default this step)
 * with the failure fed back, at most `max` times, then `then`; `ask` lets the user choose;
 * `continue` goes on; `stop` ends the workflow as failed.
 */
export type OnFail =
  | { action: 'retry'; max: number; from?: string; then?: 'stop' | 'continue' | 'ask' }
  | { action: 'ask' }
  | { action: 'continue' }
  | { action: 'stop' };

export interface WorkflowStep {
  id: string;
  /** The id of the step skill it runs (a registry skill, or `verify`). */
  skill: string;
  /**
   * The skill's input: values, or references "$task.<field>" / "$<stepId>.<path>" to the task
   * or to an earlier step's result (an unmet reference leaves the field out).
   */
  input: Record<string, unknown>;
  /** A note shown while the step runs. */
  title?: string;
  onFail: OnFail;
}

/** How a built-in workflow appears: a Command Palette command, an @atomic slash command, an LM tool. */
export interface WorkflowSurfaceDeclaration {
  commandId: string;
  chatCommand: { name: string; description: string };
  toolName: string;
  toolReferenceName: string;
  /** Default: the workflow's title. */
  toolDisplayName?: string;
  userDescription: string;
  modelDescription: string;
}

export interface WorkflowDefinition {
  name: string;
  title: string;
  description: string;
  /** The task fields it takes: `issue` (text) for most. */
  task: string[];
  /** Built-in workflows only. */
  surface?: WorkflowSurfaceDeclaration;
  steps: WorkflowStep[];
}

/** The user's answer when a step with policy `ask` fails. */
export type AskAnswer = 'retry' | 'continue' | 'stop';

/** A step as it starts (no record yet) and as it ends. */
export interface StepEvent {
  step: WorkflowStep;
  attempt: number;
  record?: StepRecord;
}

export type StepStatus = 'passed' | 'failed' | 'skipped' | 'error';

/** One run of one step: enough to attribute a failure to a skill. */
export interface StepRecord {
  step: string;
  skill: string;
  attempt: number;
  input: Record<string, unknown>;
  status: StepStatus;
  check: { name: string; passed: boolean; detail?: string };
  /** The skill's result (typed per skill). */
  output?: unknown;
  error?: string;
  /** Why the step errored, when it threw an error with a reason (an endpoint failure, a refusal …). */
  errorReason?: ErrorReason;
  startedAt: string;
  durationMs: number;
  usage?: TokenUsage;
  /** The preference record of this step's skill run, when recording is on. */
  recordId?: string;
}

export type WorkflowStatus = 'succeeded' | 'failed' | 'stopped' | 'cancelled';

export interface WorkflowResult {
  workflow: string;
  task: Record<string, string>;
  status: WorkflowStatus;
  steps: StepRecord[];
  /** The step that failed the workflow, when it failed. */
  failedStep?: string;
  /** The final proposed change (never written by the runner): per file, and as one unified diff. */
  files: ProposedFile[];
  patch: string;
  durationMs: number;
  usage: TokenUsage;
}
