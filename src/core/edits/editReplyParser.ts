import type { EditFormat, FileEdit, ParsedEdits, ParseProblem } from './editPlan';
import { replyLines } from './replyLines';
import { checkReplySize } from './replySize';
import { isSearchReplaceHead, parseSearchReplaceBlocks } from './searchReplaceParser';
import { looksLikeUnifiedDiff, parseUnifiedDiff } from './unifiedDiffParser';
import { parseWholeFiles } from './wholeFileParser';

/** The reply with the given line ranges blanked, so a second parser does not read them again. */
function masked(lines: string[], ranges: ReadonlyArray<[number, number]>): string {
  const out = [...lines];
  for (const [a, b] of ranges) for (let i = a; i < b && i < out.length; i++) out[i] = '';
  return out.join('\n');
}

/**
 * Turns a model's text reply into an edit plan, whatever format it used: SEARCH/REPLACE blocks,
 * unified diffs (both may appear in one reply), or — when neither is present — whole-file
 * contents for new files under a path line. Nothing is guessed: unreadable parts are problems.
 */
export function parseEditReply(text: string): ParsedEdits {
  checkReplySize(Buffer.byteLength(text, 'utf8'), 'The reply');
  const lines = replyLines(text);
  const edits: FileEdit[] = [];
  const problems: ParseProblem[] = [];
  const formats: EditFormat[] = [];
  const consumed: Array<[number, number]> = [];
  if (lines.some(isSearchReplaceHead)) {
    const sr = parseSearchReplaceBlocks(text);
    edits.push(...sr.edits);
    problems.push(...sr.problems);
    consumed.push(...sr.consumed);
    if (sr.edits.length || sr.problems.length) formats.push('searchReplace');
  }
  const rest = masked(lines, consumed);
  if (looksLikeUnifiedDiff(rest)) {
    const diff = parseUnifiedDiff(rest);
    edits.push(...diff.edits);
    problems.push(...diff.problems);
    consumed.push(...diff.consumed);
    if (diff.edits.length || diff.problems.length) formats.push('unifiedDiff');
  }
  if (formats.length === 0) {
    const whole = parseWholeFiles(text);
    edits.push(...whole.edits);
    problems.push(...whole.problems);
    if (whole.edits.length || whole.problems.length) formats.push('wholeFile');
  }
  return { plan: { edits }, problems, formats };
}
