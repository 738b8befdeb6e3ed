import type { ProposedFile } from '../diff/proposedFile';
import { AtomicError, errorMessage, isCancellation, throwIfAborted, type ErrorReason } from '../errors';
import type { TokenUsage } from '../model/types';
import { stepSkillById, type AnyStepSkill } from '../skills/registry';
import type { ChangeSource } from '../changeSource';
import type { SkillContext, SkillRecorder } from '../skills/skillTypes';
import { resolveInput } from './references';
import type { AskAnswer, StepRecord, WorkflowDefinition, WorkflowResult } from './workflowTypes';

/**
 * Failures no retry or later step can get past; they end the run as errors, not as failed steps.
 * An endpoint error (429 or 5xx after the client's retries, a cut stream, an error event) is one:
 * retrying the step would only feed the server's error to the model as if it were feedback.
 */
const stopsTheRun = new Set<ErrorReason>(['endpointUnreachable', 'endpointError', 'authentication', 'noModel', 'configuration', 'untrustedWorkspace']);

// The CLI imports it from here.
export type { AskAnswer } from './workflowTypes';

export interface WorkflowHost {
  /** The surface's context: model, workspace, code index, runner, journal. */
  context: SkillContext;
  /** The skill a step names; default: the registry's step skills. */
  skills?: (id: string) => AnyStepSkill | undefined;
  /** Asked when a step's policy is `ask`; absent (CLI without a terminal): the workflow stops. */
  ask?: SkillContext['askOnFailure'];
  /** Each step as it starts and ends, for progress. */
  onStep?: SkillContext['onStep'];
  /** Records a step's skill run as preference data; returns its record id. */
  record?: SkillRecorder;
}

/** A retried step hears why the last attempt failed, in the field its skill declares for it. */
function withFeedback(skill: AnyStepSkill, input: Record<string, unknown>, feedback: string | undefined): Record<string, unknown> {
  const field = skill.retryFeedbackField;
  if (!feedback || !field) return input;
  return { ...input, [field]: `${String(input[field] ?? '')}\n\nA previous attempt failed: ${feedback}`.trim() };
}

/** The input the skill declares: references to earlier results that its schema does not name are left out. */
function declaredInput(skill: AnyStepSkill, input: Record<string, unknown>): Record<string, unknown> {
  const properties = (skill.inputSchema as { properties?: Record<string, unknown> }).properties;
  if (!properties) return input;
  return Object.fromEntries(Object.entries(input).filter(([k]) => Object.prototype.hasOwnProperty.call(properties, k)));
}

/** A skill that reads the repository's changes, run after a step proposed files, reads the proposal (nothing is written for it). */
function proposalChanges(root: string, files: ProposedFile[]): ChangeSource {
  const patch = unifiedPatch(files);
  return { root, diff: async () => patch };
}

/** The files' diffs as one patch `git apply` takes (createTwoFilesPatch's ==== separator lines left out). */
export function unifiedPatch(files: ReadonlyArray<{ diff: string }>): string {
  return files.map((f) => f.diff.split('\n').filter((line) => !/^=+$/.test(line)).join('\n')).join('');
}

const addUsage = (a: TokenUsage, b?: TokenUsage): TokenUsage => (b ? { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens } : a);

/**
 * Runs a workflow: steps in order, each with its input resolved from the task and earlier
 * results, judged by its skill's check; a failed check retries (from a named step, with the
 * failure fed back), asks, continues or stops as the step says. Edits stay proposed: the final
 * patch is returned, never written. Cancellation ends the run at once (nothing is half-applied:
 * verification restores the workspace whatever happens).
 */
export async function runWorkflow(def: WorkflowDefinition, task: Record<string, string>, host: WorkflowHost): Promise<WorkflowResult> {
  const started = Date.now();
  const { context } = host;
  const results: Record<string, unknown> = { task };
  const records: StepRecord[] = [];
  const retries = new Map<string, number>();
  const feedback = new Map<string, string>();
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  let status: WorkflowResult['status'] = 'succeeded';
  let failedStep: string | undefined;

  const skillOf = host.skills ?? stepSkillById;
  /** What the latest step that proposes files proposed, when it passed: the workflow's patch so far. */
  let proposal: ProposedFile[] | undefined;

  const finish = (): WorkflowResult => {
    const files = status === 'succeeded' ? (proposal ?? []) : [];
    return { workflow: def.name, task, status, steps: records, ...(failedStep ? { failedStep } : {}), files, patch: unifiedPatch(files), durationMs: Date.now() - started, usage };
  };

  let index = 0;
  while (index < def.steps.length) {
    const step = def.steps[index];
    const attempt = records.filter((r) => r.step === step.id).length + 1;
    const skill = skillOf(step.skill);
    if (!skill) throw new AtomicError('configuration', `Workflow ${def.name}: step ${step.id} names the unknown skill "${step.skill}".`);
    const input = withFeedback(skill, resolveInput(step.input, results), feedback.get(step.id));
    feedback.delete(step.id);
    host.onStep?.({ step, attempt });
    const record: StepRecord = { step: step.id, skill: step.skill, attempt, input: summarizeInput(input), status: 'error', check: { name: 'ran', passed: false }, startedAt: new Date().toISOString(), durationMs: 0 };
    const t0 = Date.now();
    try {
      throwIfAborted(context.signal);
      const ctx = skill.needs.includes('git') && proposal ? { ...context, changes: proposalChanges(context.workspace.root, proposal) } : context;
      const run = await skill.run(declaredInput(skill, input), ctx);
      record.output = run.result;
      if (skill.feedback && host.record) record.recordId = await host.record(skill, run, ctx);
      const u = (run.result as { usage?: TokenUsage }).usage;
      record.usage = u;
      usage = addUsage(usage, u);
      record.check = skill.check(record.output);
      record.status = record.check.passed ? 'passed' : 'failed';
      if (skill.proposes) proposal = record.status === 'passed' ? skill.proposes(record.output) : undefined;
    } catch (err) {
      if (isCancellation(err) || context.signal.aborted) {
        record.error = 'Cancelled.';
        record.durationMs = Date.now() - t0;
        records.push(record);
        status = 'cancelled';
        failedStep = step.id;
        return finish();
      }
      // No step can succeed without a reachable, configured model or a trusted folder: say so at once, with the fix.
      if (err instanceof AtomicError && stopsTheRun.has(err.reason)) throw err;
      record.error = errorMessage(err);
      if (err instanceof AtomicError) record.errorReason = err.reason;
      record.check = { name: 'ran', passed: false, detail: record.error };
    }
    record.durationMs = Date.now() - t0;
    records.push(record);
    host.onStep?.({ step, attempt, record });
    if (record.status === 'passed') {
      results[step.id] = record.output;
      index++;
      continue;
    }

    const failure = record.check.detail ?? record.error ?? `${step.id} failed.`;
    let decision: AskAnswer;
    let userStopped = false;
    const policy = step.onFail;
    if (policy.action === 'retry' && (retries.get(step.id) ?? 0) < policy.max) decision = 'retry';
    else {
      const after = policy.action === 'retry' ? (policy.then ?? 'stop') : policy.action;
      decision = after === 'ask' ? (host.ask ? await host.ask(step, failure) : 'stop') : after;
      userStopped = after === 'ask' && host.ask !== undefined && decision === 'stop';
    }
    if (decision === 'retry') {
      retries.set(step.id, (retries.get(step.id) ?? 0) + 1);
      const from = policy.action === 'retry' && policy.from ? policy.from : step.id;
      const target = def.steps.findIndex((s) => s.id === from);
      if (target < 0) throw new AtomicError('configuration', `Workflow ${def.name}: step ${step.id} retries from unknown step ${from}.`);
      feedback.set(from, `${step.id}: ${failure}`);
      index = target;
      continue;
    }
    if (decision === 'continue') {
      results[step.id] = record.output;
      index++;
      continue;
    }
    status = userStopped ? 'stopped' : 'failed';
    failedStep = step.id;
    return finish();
  }
  return finish();
}

/** Step inputs as recorded: long texts and earlier results shortened to what identifies them. */
function summarizeInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (typeof v === 'string') out[k] = v.length > 2000 ? `${v.slice(0, 2000)}…` : v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v;
    else if (v && typeof v === 'object') out[k] = `(result of an earlier step)`;
    else out[k] = v;
  }
  return out;
}
