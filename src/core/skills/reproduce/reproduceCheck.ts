import type { SkillCheck } from '../skillTypes';
import type { ReproductionResult } from './reproduceTypes';

/** A reproduction did its job when its script fails on the current code the way the issue describes. */
export function reproduceCheck(result: ReproductionResult): SkillCheck {
  return { name: 'failsBefore', passed: result.reproduced, detail: result.reproduced ? undefined : (result.failure ?? 'Not reproduced.') };
}
