import * as readline from 'node:readline/promises';
import type { SkillContext } from '../core/skills/skillTypes';
import type { AskAnswer } from '../core/workflows/workflowRunner';
import type { WorkflowResult } from '../core/workflows/workflowTypes';
import type { CliIo } from './cliIo';
import { atTerminal } from './cliRunner';
import { stepSummary } from './stepSummary';

/** Every step's check, one line each, for the end of a workflow run. */
export function renderSteps(result: WorkflowResult): string {
  return result.steps
    .map((r) => `${r.status === 'passed' ? '✓' : r.status === 'skipped' ? '·' : '✗'} ${r.step} (${r.skill}${r.attempt > 1 ? `, attempt ${r.attempt}` : ''}, ${(r.durationMs / 1000).toFixed(1)} s): ${r.check.name} ${r.check.passed ? 'passed' : 'failed'}${r.check.detail ? ` — ${stepSummary(r.check.detail)}` : ''}`)
    .join('\n');
}

/** The question a step whose policy is `ask` puts when it fails: at a terminal only (else the workflow stops there). */
export function askAtTerminal(io: CliIo): SkillContext['askOnFailure'] {
  if (!atTerminal()) return undefined;
  return async (step, failure) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`Step ${step.id} failed: ${stepSummary(failure)}\n[r]etry, [c]ontinue or [s]top? `);
      const map: Record<string, AskAnswer> = { r: 'retry', c: 'continue', s: 'stop' };
      return map[answer.trim().toLowerCase()[0] ?? 's'] ?? 'stop';
    } finally {
      rl.close();
      io.err('');
    }
  };
}

/** Each step on standard error as it starts (▶) and as its check ends (✓/✗). */
export function stepLines(io: CliIo): SkillContext['onStep'] {
  return ({ step, attempt, record }) =>
    io.err(record ? `${record.status === 'passed' ? '✓' : '✗'} ${step.id}: ${record.check.name} ${record.check.passed ? 'passed' : `failed${record.check.detail ? ` — ${stepSummary(record.check.detail)}` : ''}`}` : `▶ ${step.id} (${step.skill}${attempt > 1 ? `, attempt ${attempt}` : ''})`);
}
