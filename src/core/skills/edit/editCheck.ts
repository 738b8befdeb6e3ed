import type { SkillCheck } from '../skillTypes';
import { proposedFiles } from './proposedFiles';
import type { EditResult } from './editTypes';

/** An edit did its job when every block applied, the files still parse, and it changes something. */
export function editCheck(result: EditResult): SkillCheck {
  const passed = result.ok && proposedFiles(result).length > 0;
  const detail = passed ? undefined : result.ok ? 'The edit changes no file.' : result.report || 'Not every edit block applied.';
  return { name: 'editApplies', passed, detail };
}
