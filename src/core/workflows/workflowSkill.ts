import { stepSkillById, type AnyStepSkill } from '../skills/registry';
import type { SkillCheck, SkillNeed, SkillOrWorkflow, StepSkillDefinition } from '../skills/skillTypes';
import { runWorkflow } from './workflowRunner';
import { workflowSummary } from './workflowSummary';
import type { WorkflowDefinition, WorkflowResult } from './workflowTypes';

/** A workflow's input: its task fields (`issue` for the built-ins). */
export type WorkflowInput = Record<string, string>;

const taskFieldDescriptions: Record<string, string> = {
  issue: 'The task: the bug report, what to refactor, the weakness, or the code that needs tests.',
};

function taskSchema(def: WorkflowDefinition): Record<string, unknown> {
  const properties = Object.fromEntries(def.task.map((field) => [field, { type: 'string', description: taskFieldDescriptions[field] ?? `The task's ${field}.` }]));
  return { type: 'object', properties, required: def.task };
}

/**
 * What its steps need. The repository's changes are optional: a step that reads them after an
 * edit reads the proposed patch, and one that runs first (a security review) fails on its own
 * when the folder is no repository, which its policy then handles.
 */
function workflowNeeds(def: WorkflowDefinition, skillOf: (id: string) => AnyStepSkill | undefined): { needs: SkillNeed[]; optionalNeeds: SkillNeed[] } {
  const all = new Set(def.steps.flatMap((s) => skillOf(s.skill)?.needs ?? []));
  return { needs: [...all].filter((n) => n !== 'git'), optionalNeeds: all.has('git') ? ['git'] : [] };
}

function statusCheck(result: WorkflowResult): SkillCheck {
  if (result.status === 'succeeded') return { name: 'workflow', passed: true };
  const failed = [...result.steps].reverse().find((s) => s.step === result.failedStep);
  const why = failed?.check.detail ?? failed?.error;
  return { name: 'workflow', passed: false, detail: `${result.status}${result.failedStep ? ` at the ${result.failedStep} step` : ''}${why ? `: ${why}` : ''}` };
}

/**
 * A workflow as a runnable declaration, any workflow (the built-ins and the user's own): its run
 * is the runner's, with the host's questions, step events and recording taken from the context;
 * its check is the run's status and it proposes the final patch's files. A workflow is not
 * recorded as a whole: each step's skill run is (`context.record`), and `recordIds` lists them.
 * `skillOf`: the skill a step names (default: the registry's step skills).
 */
export function workflowStepSkill(def: WorkflowDefinition, skillOf: (id: string) => AnyStepSkill | undefined = stepSkillById): StepSkillDefinition<WorkflowInput, WorkflowResult> {
  return {
    id: def.name,
    ...workflowNeeds(def, skillOf),
    inputSchema: taskSchema(def),
    async run(input, context) {
      const task = Object.fromEntries(def.task.map((field) => [field, Object.hasOwn(input, field) ? String(input[field] ?? '') : '']));
      const result = await runWorkflow(def, task, {
        context,
        skills: skillOf,
        ask: context.askOnFailure,
        onStep: (event) => {
          if (!event.record) context.progress?.(`${def.title}: ${event.step.title ?? event.step.id}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}…`);
          context.onStep?.(event);
        },
        record: context.record,
      });
      return { result, transcript: [], recordIds: result.steps.flatMap((s) => (s.recordId ? [s.recordId] : [])) };
    },
    summarize: (result) => workflowSummary(def.title, result),
    check: statusCheck,
    proposes: (result) => result.files,
  };
}

/** What a calling model gets of a workflow's result: the steps' full results are for the record, not for it. */
export function workflowToolResult(result: WorkflowResult): unknown {
  return { ...result, steps: result.steps.map(({ output: _output, ...rest }) => rest) };
}

/** A workflow with a `surface` (the built-ins), declared as every surface loops over it like a skill. */
export function workflowSkill(def: WorkflowDefinition, skillOf: (id: string) => AnyStepSkill | undefined = stepSkillById): SkillOrWorkflow<WorkflowInput, WorkflowResult> {
  const surface = def.surface;
  if (!surface) throw new Error(`workflow ${def.name} declares no surface`);
  return {
    ...workflowStepSkill(def, skillOf),
    title: def.title,
    ...surface,
    toolDisplayName: surface.toolDisplayName ?? def.title,
    toolResult: workflowToolResult,
  };
}
