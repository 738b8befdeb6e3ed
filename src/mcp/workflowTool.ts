import { stepSummary } from '../cli/stepSummary';
import { AtomicError } from '../core/errors';
import { runWorkflow } from '../core/workflows/workflowRunner';
import type { WorkflowSurface } from '../core/workflows/workflowSurfaces';
import { workflowInputSchema } from '../core/workflows/workflowSurfaces';
import type { StepRecord, WorkflowDefinition, WorkflowResult } from '../core/workflows/workflowTypes';
import type { McpToolSource } from './mcpToolSource';

function stepLine(r: StepRecord): string {
  const mark = r.status === 'passed' ? '✓' : r.status === 'skipped' ? '·' : '✗';
  const detail = r.check.detail ? ` — ${stepSummary(r.check.detail)}` : '';
  return `${mark} ${r.step} (${r.skill}${r.attempt > 1 ? `, attempt ${r.attempt}` : ''}, ${(r.durationMs / 1000).toFixed(1)} s): ${r.check.name} ${r.check.passed ? 'passed' : 'failed'}${detail}`;
}

function summarizeWorkflow(def: WorkflowDefinition, result: WorkflowResult): string {
  const head = result.status === 'succeeded' ? `${def.title}: done.` : `${def.title}: ${result.status}${result.failedStep ? ` at ${result.failedStep}` : ''}. Nothing is proposed.`;
  const lines = [head, '', ...result.steps.map((r) => `- ${stepLine(r)}`)];
  if (result.patch) lines.push('', '```diff', result.patch.trimEnd(), '```');
  return lines.join('\n');
}

/**
 * A built-in workflow as an MCP tool: input `{issue}`, each step's start and check as progress,
 * each step's skill run recorded, the final patch as the proposal. Asking the user when a step's
 * policy is `ask` is not offered here: such a step stops the workflow, as for LM tools.
 */
export function workflowTool(def: WorkflowDefinition, surface: WorkflowSurface): McpToolSource {
  return {
    id: def.name,
    title: surface.title,
    toolReferenceName: surface.toolReferenceName,
    modelDescription: surface.modelDescription,
    inputSchema: workflowInputSchema,
    needs: ['index', 'run'],
    gitIfPresent: true,
    async run(input: { issue?: string }, context, record) {
      if (!input.issue?.trim()) throw new AtomicError('usage', `${def.title} needs the issue text.`);
      const result = await runWorkflow(def, { issue: input.issue }, {
        context,
        onStep: ({ step, attempt, record: done }) =>
          context.progress?.(done ? stepLine(done) : `${step.title ?? step.id} (${step.skill}${attempt > 1 ? `, attempt ${attempt}` : ''})…`),
        record,
      });
      if (result.status === 'cancelled') throw new AtomicError('cancelled', 'Cancelled.');
      return { result, transcript: [] };
    },
    summarize: (result: WorkflowResult) => summarizeWorkflow(def, result),
    check: (result: WorkflowResult) => ({
      name: 'workflowSucceeded',
      passed: result.status === 'succeeded',
      ...(result.status === 'succeeded' ? {} : { detail: `${result.status}${result.failedStep ? ` at ${result.failedStep}` : ''}` }),
    }),
    proposes: (result: WorkflowResult) => result.files,
  };
}
