import type { ProposedFile } from '../../diff/proposedFile';
import type { BlockResult, ParseProblem } from '../../edits/editPlan';
import type { ModelIdentity, TokenUsage } from '../../model/types';

export interface EditSelection {
  /** Workspace-relative, `/` separators. */
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

export interface EditInput {
  /** What to change, in the user's words. */
  instruction: string;
  /** Workspace-relative target files; their current content is shown to the model. */
  files?: string[];
  /** The user's selection: its file becomes a target and the lines are pointed out. */
  selection?: EditSelection;
}

/** One file the model's edits touch: the proposal, never written by the skill. */
/** A file the edit proposes, with how its blocks went. */
export interface EditedFile extends ProposedFile {
  applied: number;
  failed: number;
  /** Why the file must not be written (the parse guard), if it must not. */
  rejected?: string;
  /** Why the parse guard did not judge the file (too large, or the parser failed), if it did not. */
  notSyntaxChecked?: string;
}

export interface EditResult {
  files: EditedFile[];
  /** Every block of every attempt, each with its turn (0: first reply, n: n-th repair). */
  blocks: BlockResult[];
  /** True when the last attempt applied every block, no file is rejected and the reply was readable. */
  ok: boolean;
  repairTurns: number;
  /** Parts of the last reply that could not be read. */
  problems: ParseProblem[];
  /** The failure report (formatEditReport) when not ok; empty when ok. */
  report: string;
  /** Whether the tree-sitter parse guard judged the files (false: no grammar assets in the context). */
  parseGuard: boolean;
  usage: TokenUsage;
  model?: ModelIdentity;
}
