/**
 * Edit plans (what a model asks to change) and edit results (what applying them did). Plans are
 * data: parsing a reply never touches files, and applying a plan only computes new contents;
 * writing happens in one place, after consent (a WorkspaceEdit in VS Code, the CLI's writer).
 */

/** One search/replace block: `search` must occur exactly once in the file; lines use `\n`. */
export interface SearchReplaceBlock {
  search: string;
  replace: string;
  /**
   * 'substring': the str_replace tool's contract (an exact string, possibly part of a line),
   * tried first and then matched line by line. 'lines' (text replies): whole lines only.
   */
  match?: 'lines' | 'substring';
}

/** One hunk of a unified diff, counts recomputed from its lines. */
export interface DiffHunk {
  /** 1-based first old line from the header; undefined when the header had no numbers (`@@ @@`). */
  oldStart?: number;
  /** Body lines, each starting with ' ', '-' or '+'. */
  lines: string[];
}

export type FileEdit =
  | { kind: 'replace'; path: string; blocks: SearchReplaceBlock[] }
  | { kind: 'diff'; path: string; hunks: DiffHunk[] }
  | { kind: 'create'; path: string; content: string };

export interface EditPlan {
  edits: FileEdit[];
}

/** Something in a reply that could not be turned into an edit (reported, never guessed). */
export interface ParseProblem {
  kind: 'truncated' | 'missingPath' | 'malformedBlock' | 'malformedDiff' | 'unsupported' | 'badToolCall';
  message: string;
  /** 1-based line of the reply where it was noticed. */
  line?: number;
  path?: string;
}

export type EditFormat = 'searchReplace' | 'unifiedDiff' | 'wholeFile' | 'toolCalls';

export interface ParsedEdits {
  plan: EditPlan;
  problems: ParseProblem[];
  /** Formats found in the reply, in the order detected. */
  formats: EditFormat[];
}

export type BlockStatus = 'applied' | 'appliedFuzzy' | 'failed';

export type BlockFailure =
  | 'notFound'
  | 'ambiguous'
  | 'fileMissing'
  | 'fileExists'
  | 'unsafePath'
  | 'binaryFile'
  | 'unreadable'
  | 'emptySearch'
  | 'breaksParse'
  | 'unsupported';

/** A region of the file the model may have meant, and why it did not match. */
export interface NearestCandidate {
  /** 1-based first line of the region in the file as it was when the block was tried. */
  startLine: number;
  /** The file's lines there, verbatim (without line terminators). */
  lines: string[];
  /** Similarity to the block's old text, 0..1. */
  score: number;
  /** Short reasons, e.g. 'line 12: indentation differs (file 8 spaces, block 4 spaces)'. */
  why: string[];
}

export interface BlockResult {
  path: string;
  /** Index of the block (search/replace block, hunk, or 0 for a whole file) within its file's edits. */
  index: number;
  status: BlockStatus;
  failure?: BlockFailure;
  /** For failures: what went wrong, written for the model; for fuzzy matches: what was tolerated. */
  reason?: string;
  /** 1-based lines [start, end] of the block's new text in the final content (end < start: a pure deletion at start). */
  range?: { start: number; end: number };
  nearest?: NearestCandidate[];
  /** Which attempt produced the block: 0 for the first reply, n for the n-th repair turn. */
  turn?: number;
}

export type LineEnding = 'lf' | 'crlf' | 'mixed' | 'none';

export interface ParseErrorLocation {
  /** 1-based line and column in the new content. */
  line: number;
  column: number;
  message: string;
}

export interface FileEditResult {
  path: string;
  /** The text before (undefined for a new file) and after all applied blocks; BOM included as '\uFEFF'. */
  before: string | undefined;
  after: string;
  /** 'create' for new files; 'modify' for existing ones. */
  change: 'create' | 'modify';
  eol: LineEnding;
  bom: boolean;
  finalNewline: boolean;
  indentation: 'tabs' | 'spaces' | 'mixed' | 'none';
  applied: number;
  failed: number;
  /** Tree-sitter ERROR/MISSING nodes; undefined when the language has no grammar (guard skipped). */
  parseErrorsBefore?: number;
  parseErrorsAfter?: number;
  /** Set when the edit added parse errors: the file is rejected and must not be written. */
  newErrorAt?: ParseErrorLocation;
  /** Why the whole file is rejected (parse guard), if it is. */
  rejected?: string;
  /** Why the parse guard did not judge the file (too large to parse, or the parser failed), if it did not. */
  notSyntaxChecked?: string;
  /** Set when the path needed the user's yes (and got it): why it was unsafe. */
  unsafe?: string[];
}

export interface ApplyResult {
  /** True when every block applied, no file was rejected and the reply had no problems. */
  ok: boolean;
  files: FileEditResult[];
  blocks: BlockResult[];
  problems: ParseProblem[];
}

/** Files whose content changed and that were not rejected: what a surface offers to write. */
export function changedFiles(result: ApplyResult): FileEditResult[] {
  return result.files.filter((f) => !f.rejected && f.applied > 0 && f.after !== f.before);
}
