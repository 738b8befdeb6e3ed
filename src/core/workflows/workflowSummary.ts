import type { StepRecord, WorkflowResult } from './workflowTypes';

/** One step's outcome as a markdown line: its check, how long it took, why it failed. */
export function stepLine(record: StepRecord): string {
  const icon = record.status === 'passed' ? '✅' : record.status === 'skipped' ? '⏭️' : '❌';
  const detail = record.check.detail ? ` — ${record.check.detail.split('\n')[0].slice(0, 240)}` : '';
  return `${icon} **${record.step}** (${record.skill}${record.attempt > 1 ? `, attempt ${record.attempt}` : ''}, ${(record.durationMs / 1000).toFixed(1)} s): ${record.check.name} ${record.check.passed ? 'passed' : 'failed'}${detail}`;
}

/** Markdown of a finished run: each step, then the patch. */
export function workflowSummary(title: string, result: WorkflowResult): string {
  const head = result.status === 'succeeded' ? `**${title}: done.** The patch below is proposed, not written.` : `**${title}: ${result.status}${result.failedStep ? ` at ${result.failedStep}` : ''}.** Nothing was written.`;
  const lines = [head, '', ...result.steps.map((r) => `- ${stepLine(r)}`)];
  if (result.patch) lines.push('', '```diff', result.patch.trimEnd(), '```');
  return lines.join('\n');
}
