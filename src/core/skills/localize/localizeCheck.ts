import type { SkillCheck } from '../skillTypes';
import type { LocalizationResult } from './localizeTypes';

/** Localization did its job when it committed to at least one file. */
export function localizeCheck(result: LocalizationResult): SkillCheck {
  const passed = result.committed.length > 0;
  return { name: 'committed', passed, detail: passed ? result.committed.join(', ') : 'The localization committed to no file.' };
}
