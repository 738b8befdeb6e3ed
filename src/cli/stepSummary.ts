import { cliWording } from './cliWording';

const maxChars = 400;

/**
 * A workflow step's check detail as one line of progress: in the CLI's words (flags, not VS Code
 * settings), the lines that say what failed (an edit report's FAILED / PROBLEM / REJECTED lines,
 * not the "applied" line before them), and cut, when long, at the end of a sentence, never inside one.
 */
export function stepSummary(detail: string): string {
  const lines = cliWording(detail).split('\n').map((l) => l.trim()).filter(Boolean);
  const failures = lines.filter((l) => /^(FAILED|PROBLEM|REJECTED)\s/.test(l)).map((l) => l.replace(/\s{2,}/g, ' '));
  const text = (failures.length ? failures.join('; ') : (lines[0] ?? '')).trim();
  if (text.length <= maxChars) return text;
  const head = text.slice(0, maxChars);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '));
  const cut = sentence > maxChars / 3 ? sentence + 1 : head.lastIndexOf(' ') > 0 ? head.lastIndexOf(' ') : maxChars;
  return `${text.slice(0, cut).trimEnd()} …`;
}
