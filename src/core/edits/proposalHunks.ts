import { diffLines } from 'diff';

/** One contiguous change between a file's text and a proposed text, in whole lines. */
export interface ProposalHunk {
  /** Character offset of the change in the original text, and in the proposed text. */
  beforeOffset: number;
  afterOffset: number;
  /** The original lines the hunk replaces and the lines it puts there (terminators included). */
  removed: string;
  added: string;
  /** 1-based first line of the hunk in the original text, and in the proposed text. */
  beforeLine: number;
  afterLine: number;
}

const lineCount = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

/** The hunks that turn `before` into `after`, in order; each byte of both texts is kept exactly. */
export function proposalHunks(before: string, after: string): ProposalHunk[] {
  const hunks: ProposalHunk[] = [];
  let beforeOffset = 0;
  let afterOffset = 0;
  let beforeLine = 1;
  let afterLine = 1;
  let open: ProposalHunk | undefined;
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      open = undefined;
      beforeOffset += part.value.length;
      afterOffset += part.value.length;
      beforeLine += lineCount(part.value);
      afterLine += lineCount(part.value);
      continue;
    }
    if (!open) {
      open = { beforeOffset, afterOffset, removed: '', added: '', beforeLine, afterLine };
      hunks.push(open);
    }
    if (part.removed) {
      open.removed += part.value;
      beforeOffset += part.value.length;
      beforeLine += lineCount(part.value);
    } else {
      open.added += part.value;
      afterOffset += part.value.length;
      afterLine += lineCount(part.value);
    }
  }
  return hunks;
}

/**
 * The original text with the chosen hunks (by index) taken from the proposal and the others left
 * as they were: what the file becomes when the user accepts some hunks and rejects the rest.
 */
export function applyChosenHunks(before: string, after: string, chosen: ReadonlySet<number>): string {
  const hunks = proposalHunks(before, after);
  for (const i of chosen) if (!hunks[i]) throw new RangeError(`There is no hunk ${i + 1} in this proposal.`);
  let text = '';
  let offset = 0;
  hunks.forEach((h, i) => {
    text += before.slice(offset, h.beforeOffset) + (chosen.has(i) ? h.added : h.removed);
    offset = h.beforeOffset + h.removed.length;
  });
  return text + before.slice(offset);
}

/** The smallest replacement turning `from` into `to`: common prefix and suffix are left alone. */
export function minimalReplacement(from: string, to: string): { start: number; end: number; text: string } {
  let start = 0;
  const shorter = Math.min(from.length, to.length);
  while (start < shorter && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shorter - start && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
  // Never split a CRLF pair: an edit that starts between \r and \n confuses editors' line models.
  if (start > 0 && from[start - 1] === '\r' && (from[start] === '\n' || to[start] === '\n')) start--;
  if (suffix > 0 && from[from.length - suffix] === '\n' && from[from.length - suffix - 1] === '\r') suffix--;
  return { start, end: from.length - suffix, text: to.slice(start, to.length - suffix) };
}

/** Lines added and removed by the proposal, for "+3 −1" summaries. */
export function changeCounts(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const h of proposalHunks(before, after)) {
    added += lineCount(h.added) + (h.added && !/[\r\n]$/.test(h.added) ? 1 : 0);
    removed += lineCount(h.removed) + (h.removed && !/[\r\n]$/.test(h.removed) ? 1 : 0);
  }
  return { added, removed };
}
