import { diffArrays } from 'diff';
import { defaultMaxFileBytes } from '../code/codeIndex';
import { errorMessage, isCancellation } from '../errors';
import { formatBytes } from '../textBytes';
import type { BlockResult, FileEditResult } from './editPlan';
import { FileText } from './fileText';
import { firstNewError, type LineMapper, type ParseCheck, type ParseChecker } from './parseGuard';

/** Maps lines of `after` to lines of `before` (1-based) where they are unchanged. */
function lineMapper(before: string, after: string): LineMapper {
  const map = new Map<number, number>();
  let oldLine = 1;
  let newLine = 1;
  for (const change of diffArrays(FileText.parse(before).lines, FileText.parse(after).lines)) {
    if (change.added) newLine += change.count;
    else if (change.removed) oldLine += change.count;
    else for (let k = 0; k < change.count; k++) map.set(newLine++, oldLine++);
  }
  return (line) => map.get(line);
}

export interface GuardOptions {
  /** The parse guard; without it no parse check is made. */
  checker?: ParseChecker;
  /**
   * Files larger than this (before or after the edit, UTF-8 bytes) are not parsed: tree-sitter
   * takes minutes on tens of megabytes and can abort. Default: the index's size limit, the size
   * past which the index does not parse a file either.
   */
  parseGuardMaxBytes?: number;
}

/** The guard's verdicts before and after, or why there are none (the guard is advisory then). */
async function checkBoth(result: FileEditResult, options: GuardOptions, checker: ParseChecker): Promise<{ before: ParseCheck; after: ParseCheck } | string | undefined> {
  const limit = options.parseGuardMaxBytes ?? defaultMaxFileBytes;
  const size = Math.max(Buffer.byteLength(result.after, 'utf8'), result.before === undefined ? 0 : Buffer.byteLength(result.before, 'utf8'));
  if (size > limit) return `not syntax-checked: ${result.path} is ${formatBytes(size)}, larger than the ${formatBytes(limit)} the parse guard parses (the index's size limit)`;
  try {
    const after = await checker.check(result.path, result.after);
    if (!after) return undefined;
    const before = result.before === undefined ? { language: after.language, errorCount: 0, errors: [] } : await checker.check(result.path, result.before);
    return before && { before, after };
  } catch (err) {
    if (isCancellation(err)) throw err;
    return `not syntax-checked: the parser failed on ${result.path} (${errorMessage(err)})`;
  }
}

/**
 * The parse guard: the file must not have more tree-sitter error nodes after the edit than
 * before. When it does, the file is rejected (never written) and its applied blocks become
 * failures naming the first new error's line and column. A file too large to parse, or one the
 * parser fails on, is not judged: `notSyntaxChecked` says why.
 */
export async function guardFile(result: FileEditResult, blocks: BlockResult[], options: GuardOptions): Promise<void> {
  if (!options.checker) return;
  const checked = await checkBoth(result, options, options.checker);
  if (typeof checked === 'string') result.notSyntaxChecked = checked;
  if (typeof checked !== 'object') return;
  const { before, after } = checked;
  result.parseErrorsBefore = before.errorCount;
  result.parseErrorsAfter = after.errorCount;
  if (after.errorCount <= before.errorCount) return;
  const at = firstNewError(before, after, lineMapper(result.before ?? '', result.after)) ?? { line: 1, column: 1, message: 'syntax error' };
  result.newErrorAt = at;
  const where = `${result.path}:${at.line}:${at.column}`;
  result.rejected = `The edited ${result.path} no longer parses as ${after.language}: ${after.errorCount - before.errorCount} new syntax error(s), the first at ${where} (${at.message}).`;
  const culprit = blocks.find((b) => b.status !== 'failed' && b.range && at.line >= b.range.start - 1 && at.line <= b.range.end + 1);
  if (culprit?.range) result.rejected += ` It is at the new text of block ${culprit.index + 1} (lines ${culprit.range.start}-${culprit.range.end}).`;
  for (const b of blocks) {
    if (b.status === 'failed') continue;
    b.status = 'failed';
    b.failure = 'breaksParse';
    b.reason = `${result.rejected} The file's edits were not applied; fix the block that causes it.`;
  }
  result.applied = 0;
  result.failed = blocks.length;
}
