import type { SymbolTable } from './codeTypes';

export interface SkeletonOptions {
  /** Prefix each kept line with its 1-based number (`  12| `), so a reader can ask for ranges. */
  lineNumbers?: boolean;
  /** What stands for an elided body, after the body's indentation (default `...`). */
  marker?: string;
}

/**
 * A file's skeleton: every line except the bodies of functions and methods, each elided body
 * replaced by one marker line at the body's indentation. Class, interface and module bodies
 * stay, so their members' signatures show. Nested bodies inside elided ones disappear with them.
 */
export function renderSkeleton(text: string, table: SymbolTable, options: SkeletonOptions = {}): string {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const ranges: [number, number][] = [];
  for (let i = 0; i < table.names.length; i++) {
    const from = table.lines[i * 4 + 2];
    const to = table.lines[i * 4 + 3];
    if (from > 0 && to >= from) ranges.push([from, Math.min(to, lines.length)]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const marker = options.marker ?? '...';
  const width = String(lines.length).length;
  const out: string[] = [];
  const emit = (lineNo: number, content: string) => out.push(options.lineNumbers ? `${String(lineNo).padStart(width)}| ${content}` : content);
  let line = 1;
  for (const [from, to] of ranges) {
    if (to < line) continue; // inside an earlier elided body
    for (; line < from; line++) emit(line, lines[line - 1]);
    let first = Math.max(from, line);
    while (first < to && lines[first - 1].trim() === '') first++;
    const indent = lines[first - 1]?.match(/^\s*/)?.[0] ?? '';
    emit(Math.max(from, line), `${indent}${marker}`);
    line = to + 1;
  }
  for (; line <= lines.length; line++) emit(line, lines[line - 1]);
  return out.join('\n');
}
