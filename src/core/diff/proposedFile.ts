import { newFilePatch } from './newFilePatch';

/** A file a skill's result proposes to write: shown as a diff, written only when the user accepts it. */
export interface ProposedFile {
  path: string;
  change: 'create' | 'modify';
  /** The text before (absent for a new file) and after. */
  before?: string;
  after: string;
  /** Unified diff from before to after. */
  diff: string;
}

/** A new file with `content`, as a proposal. */
export function proposedNewFile(path: string, content: string): ProposedFile {
  return { path, change: 'create', after: content, diff: newFilePatch(path, content) };
}
