import type { FileEdit, ParseProblem } from './editPlan';
import { fenceOf, pathBefore, pathFromFenceInfo, replyLines } from './replyLines';
import type { PartialParse } from './searchReplaceParser';

/**
 * Reads whole-file contents for new files: a path line (or a path in the fence's info string)
 * followed by a code fence holding the file. Lines in `skip` (already read as other formats) are
 * ignored. A fence the reply never closes is reported as cut off. Whether the file is new is for
 * the applier to check: an existing file is never rewritten whole.
 */
export function parseWholeFiles(text: string, skip: ReadonlyArray<[number, number]> = []): PartialParse {
  const lines = replyLines(text);
  const skipped = (i: number) => skip.some(([a, b]) => i >= a && i < b);
  const edits: FileEdit[] = [];
  const problems: ParseProblem[] = [];
  const consumed: Array<[number, number]> = [];
  let floor = 0;
  for (let i = 0; i < lines.length; i++) {
    if (skipped(i)) {
      floor = i + 1;
      continue;
    }
    const fence = fenceOf(lines[i]);
    if (!fence) continue;
    let close = i + 1;
    while (close < lines.length && !(fenceOf(lines[close])?.info === '' && fenceOf(lines[close])!.marker.startsWith(fence.marker[0]) && fenceOf(lines[close])!.marker.length >= fence.marker.length)) close++;
    const path = pathFromFenceInfo(fence.info) ?? pathBefore(lines, i, floor, 1);
    if (close >= lines.length) {
      if (path) problems.push({ kind: 'truncated', message: `The content of ${path} starting at reply line ${i + 1} is cut off: its code fence is never closed. Send the whole file again.`, line: i + 1, path });
      break;
    }
    if (path && !/^(diff|patch)$/i.test(fence.info)) {
      edits.push({ kind: 'create', path, content: close > i + 1 ? lines.slice(i + 1, close).join('\n') + '\n' : '' });
      consumed.push([i, close + 1]);
    }
    floor = close + 1;
    i = close;
  }
  return { edits, problems, consumed };
}
