/** Whitespace-insensitive line comparison and re-indentation of new lines to a file's style. */

export type IndentStyle = 'tabs' | 'spaces' | 'mixed' | 'none';

/** Tab widths tried when a block and the file disagree on tabs and spaces; delta 0 wins first. */
export const tabSizes = [4, 8, 2] as const;

export function leadingWhitespace(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(0, i);
}

/** Columns of leading whitespace, tabs to the next multiple of `tabSize`. */
export function indentWidth(line: string, tabSize: number): number {
  let w = 0;
  for (const ch of leadingWhitespace(line)) w = ch === '\t' ? w - (w % tabSize) + tabSize : w + 1;
  return w;
}

/** The comparison key: no leading or trailing whitespace, inner runs of whitespace as one space. */
export function lineKey(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * The constant indentation shift (file minus block, in columns) that maps every non-blank block
 * line onto its file line, trying each tab width; undefined when no constant shift exists.
 */
export function constantShift(blockLines: readonly string[], fileLines: readonly string[]): Shift | undefined {
  let fallback: Shift | undefined;
  // The tab width only means something when tabs on one side meet spaces on the other.
  const measured = blockLines.some((b, i) => !isBlank(b) && !isBlank(fileLines[i]) && leadingWhitespace(b).includes('\t') !== leadingWhitespace(fileLines[i]).includes('\t'));
  for (const tabSize of tabSizes) {
    let delta: number | undefined;
    let consistent = true;
    for (let i = 0; i < blockLines.length && consistent; i++) {
      if (isBlank(blockLines[i]) || isBlank(fileLines[i])) continue;
      const d = indentWidth(fileLines[i], tabSize) - indentWidth(blockLines[i], tabSize);
      if (delta === undefined) delta = d;
      else if (d !== delta) consistent = false;
    }
    if (!consistent) continue;
    if ((delta ?? 0) === 0) return { delta: 0, tabSize, measured };
    fallback ??= { delta: delta ?? 0, tabSize, measured };
  }
  return fallback;
}

/** An indentation shift from block to file, and the tab width it was measured with. */
export interface Shift {
  delta: number;
  tabSize: number;
  /** True when tabs met spaces, so `tabSize` was learnt from the match. */
  measured: boolean;
}

export const noShift: Shift = { delta: 0, tabSize: 4, measured: false };

/** The indentation style of a set of lines, and its unit in columns for spaces. */
export function detectIndentation(lines: readonly string[]): { style: IndentStyle; unit: number } {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous: number | undefined;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const ws = leadingWhitespace(line);
    if (ws.startsWith('\t')) tabs++;
    else if (ws.length > 0) spaces++;
    if (!ws.includes('\t')) {
      const step = ws.length - (previous ?? ws.length);
      if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
      previous = ws.length;
    }
  }
  const unit = [...steps.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 4;
  const total = tabs + spaces;
  if (total === 0) return { style: 'none', unit };
  if (tabs >= 0.8 * total) return { style: 'tabs', unit };
  if (spaces >= 0.8 * total) return { style: 'spaces', unit };
  return { style: 'mixed', unit };
}

/** Renders `width` columns of indentation in a style. */
function renderIndent(width: number, style: IndentStyle, tabSize: number): string {
  if (style === 'tabs') return '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize);
  return ' '.repeat(width);
}

export interface Reindent extends Shift {
  /** The file's style and space unit. */
  style: IndentStyle;
  unit: number;
}

/**
 * A new line from the model, shifted by `delta` and written in the file's style (tabs or
 * spaces). A line already in the file's style with no shift is returned unchanged.
 */
export function reindentLine(line: string, r: Reindent): string {
  if (isBlank(line)) return r.delta === 0 ? line : '';
  const ws = leadingWhitespace(line);
  const wrongStyle = (r.style === 'tabs' && ws.includes(' ') && ws.replace(/\t/g, '').length >= r.tabSize) || (r.style === 'spaces' && ws.includes('\t'));
  if (r.delta === 0 && !wrongStyle) return line;
  // A tab in a spaces file counts as the file's unit; spaces in a tabs file as the tab width used.
  const measure = r.style === 'spaces' && ws.includes('\t') && !r.measured ? r.unit : r.tabSize;
  const width = Math.max(0, indentWidth(line, measure) + r.delta);
  const style = r.style === 'mixed' || r.style === 'none' ? (ws.includes('\t') ? 'tabs' : 'spaces') : r.style;
  return renderIndent(width, style, r.tabSize) + line.slice(ws.length);
}
