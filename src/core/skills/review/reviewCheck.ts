import type { SkillCheck } from '../skillTypes';
import type { ReviewResult } from './reviewTypes';

/** A review passes a change when the reviewer's verdict is YES; NO carries the review as the reason. */
export function reviewCheck(result: ReviewResult): SkillCheck {
  const passed = result.judgment === 'YES';
  return { name: 'judgment', passed, detail: passed ? undefined : `The reviewer said NO: ${result.review}` };
}
