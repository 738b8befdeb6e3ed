import { proposedNewFile, type ProposedFile } from '../../diff/proposedFile';
import type { SkillCheck } from '../skillTypes';
import type { TestGenResult } from './testGenTypes';

/** Generated tests did their job when they pass on the current code (only then are they offered). */
export function testGenCheck(result: TestGenResult): SkillCheck {
  return { name: 'testsPass', passed: result.passed, detail: result.passed ? undefined : result.failure };
}

/** Passing tests propose one new file. */
export function testGenProposal(result: TestGenResult): ProposedFile[] {
  return result.passed && result.testFile ? [proposedNewFile(result.testFile, result.content)] : [];
}
