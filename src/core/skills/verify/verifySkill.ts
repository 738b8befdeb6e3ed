import type { SkillCheck, StepSkillDefinition } from '../skillTypes';
import { runVerify, type VerifyInput, type VerifyResult } from './verifyPatch';

function verifyCheck(result: VerifyResult): SkillCheck {
  return { name: 'verified', passed: result.passed, detail: result.passed ? result.notes.join(' ') || undefined : result.failures.join(' ') };
}

function summarizeVerify(result: VerifyResult): string {
  const runs = result.runs.map((r) => `- ${r.passed ? '✓' : '✗'} ${r.what}: \`${r.command.join(' ')}\``).join('\n');
  const why = result.passed ? result.notes : result.failures;
  return [`**Verify: ${result.passed ? 'passed' : 'failed'}**`, runs, ...why].filter(Boolean).join('\n\n');
}

/** A workflow step, not a surface: runs the reproduction and the tests of the touched code against a proposed patch. */
export const verifySkill: StepSkillDefinition<VerifyInput, VerifyResult> = {
  id: 'verify',
  needs: ['run'],
  inputSchema: {
    type: 'object',
    properties: {
      edit: { type: 'object', description: 'The edit step whose proposed patch is verified ("$edit").' },
      reproduction: { type: 'object', description: 'A reproduction whose script must now pass ("$reproduce").' },
      requireTests: { type: 'boolean', description: 'Fail when no existing test covers the touched files.' },
      testsUnchanged: { type: 'boolean', description: 'Fail when the patch changes a test file.' },
    },
  },
  run: async (input, ctx) => ({ result: await runVerify(input, ctx), transcript: [] }),
  summarize: summarizeVerify,
  check: verifyCheck,
  agentGuidance: {
    readCheck:
      '`passed` is true when, with the patch applied, the reproduction passes and the existing tests of the touched files pass (check `verified`).',
    onCheckFailed:
      'The patch broke or did not fix something: read `failures` and go back to the edit step with them.',
  },
};
