import type { EditedFile, EditResult } from './editTypes';

/** The files an ok result proposes to write: changed and not rejected. */
export function proposedFiles(result: EditResult): EditedFile[] {
  return result.ok ? result.files.filter((f) => !f.rejected && f.applied > 0 && f.after !== f.before) : [];
}
