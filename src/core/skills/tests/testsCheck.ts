import { proposedNewFile, type ProposedFile } from '../../diff/proposedFile';
import type { SkillCheck } from '../skillTypes';
import type { TestsResult } from './testsTypes';

/** Generated tests did their job when they pass on the current code (only then are they offered). */
export function testsCheck(result: TestsResult): SkillCheck {
  return { name: 'testsPass', passed: result.passed, detail: result.passed ? undefined : result.failure };
}

/** Passing tests propose one new file. */
export function testsProposal(result: TestsResult): ProposedFile[] {
  return result.passed && result.testFile ? [proposedNewFile(result.testFile, result.content)] : [];
}
