import type { FileEdit, ParseProblem, SearchReplaceBlock } from './editPlan';
import { pathBefore, replyLines } from './replyLines';

/** The result of one reply parser: edits, problems, and the reply lines it used (0-based, end exclusive). */
export interface PartialParse {
  edits: FileEdit[];
  problems: ParseProblem[];
  consumed: Array<[number, number]>;
}

// Marker lines, tolerant of 3..n angle brackets when named, 5..n when bare, and old names.
const headMarker = /^\s*(?:<{3,}\s*(?:SEARCH|ORIGINAL|FIND|OLD)|<{5,}(?:\s*HEAD)?)\s*:?\s*$/i;
const tailMarker = /^\s*(?:>{3,}\s*(?:REPLACE|UPDATED|NEW)|>{5,}(?:\s*\S+)?)\s*:?\s*$/i;
const dividerMarker = /^\s*={5,}\s*$/;

export function isSearchReplaceHead(line: string): boolean {
  return headMarker.test(line);
}

/**
 * Reads SEARCH/REPLACE blocks: a path line (or the previous block's path), then
 * `<<<<<<< SEARCH`, the old lines, `=======`, the new lines, `>>>>>>> REPLACE`. Tolerates code
 * fences or their absence, language tags, CRLF, marker lines with more or fewer brackets, and
 * several files in one reply; a block cut off by the end of the reply is reported, not guessed.
 */
export function parseSearchReplaceBlocks(text: string): PartialParse {
  const lines = replyLines(text);
  const edits: FileEdit[] = [];
  const problems: ParseProblem[] = [];
  const consumed: Array<[number, number]> = [];
  let currentPath: string | undefined;
  let floor = 0;
  let i = 0;
  while (i < lines.length) {
    if (!headMarker.test(lines[i])) {
      i++;
      continue;
    }
    const head = i;
    const path = pathBefore(lines, head, floor) ?? currentPath;
    currentPath = path;
    const dividers: number[] = [];
    let j = head + 1;
    while (j < lines.length && !tailMarker.test(lines[j]) && !headMarker.test(lines[j])) {
      if (dividerMarker.test(lines[j])) dividers.push(j);
      j++;
    }
    const where = path ? ` for ${path}` : '';
    if (j >= lines.length || headMarker.test(lines[j])) {
      const cutOff = j >= lines.length;
      problems.push({
        kind: cutOff ? 'truncated' : 'malformedBlock',
        message: cutOff
          ? `The SEARCH/REPLACE block${where} starting at reply line ${head + 1} is cut off: the reply ends before its >>>>>>> REPLACE line. Send the whole block again.`
          : `The SEARCH/REPLACE block${where} starting at reply line ${head + 1} has no >>>>>>> REPLACE line before the next block.`,
        line: head + 1,
        path,
      });
      consumed.push([head, j]);
      floor = j;
      i = j;
      continue;
    }
    const tail = j;
    consumed.push([head, tail + 1]);
    floor = tail + 1;
    i = tail + 1;
    const divider = pickDivider(lines, dividers);
    if (divider === undefined) {
      problems.push({
        kind: 'malformedBlock',
        message:
          dividers.length === 0
            ? `The SEARCH/REPLACE block${where} at reply line ${head + 1} has no ======= line between the old and new text.`
            : `The SEARCH/REPLACE block${where} at reply line ${head + 1} has ${dividers.length} ======= lines; it is unclear where the old text ends.`,
        line: head + 1,
        path,
      });
      continue;
    }
    if (!path) {
      problems.push({ kind: 'missingPath', message: `The SEARCH/REPLACE block at reply line ${head + 1} names no file: put the file path on the line before it.`, line: head + 1 });
      continue;
    }
    const block: SearchReplaceBlock = { search: joinBlock(lines.slice(head + 1, divider)), replace: joinBlock(lines.slice(divider + 1, tail)) };
    const last = edits[edits.length - 1];
    if (last?.kind === 'replace' && last.path === path) last.blocks.push(block);
    else edits.push({ kind: 'replace', path, blocks: [block] });
  }
  return { edits, problems, consumed };
}

/** The divider: the only one, else the only one written exactly `=======`. */
function pickDivider(lines: readonly string[], dividers: number[]): number | undefined {
  if (dividers.length === 1) return dividers[0];
  const exact = dividers.filter((d) => lines[d].trim() === '=======');
  return exact.length === 1 ? exact[0] : undefined;
}

/** Block lines as text, each ending in a newline. */
function joinBlock(body: string[]): string {
  return body.length ? body.join('\n') + '\n' : '';
}
