import { diffArrays } from 'diff';
import type { BlockResult, FileEditResult } from './editPlan';
import { FileText } from './fileText';
import { firstNewError, type LineMapper, type ParseChecker } from './parseGuard';

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

/**
 * The parse guard: the file must not have more tree-sitter error nodes after the edit than
 * before. When it does, the file is rejected (never written) and its applied blocks become
 * failures naming the first new error's line and column.
 */
export async function guardFile(result: FileEditResult, blocks: BlockResult[], checker: ParseChecker | undefined): Promise<void> {
  if (!checker) return;
  const after = await checker.check(result.path, result.after);
  if (!after) return;
  const before = result.before === undefined ? { language: after.language, errorCount: 0, errors: [] } : await checker.check(result.path, result.before);
  if (!before) return;
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
