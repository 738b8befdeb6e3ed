// Turns a gold patch into the edit replies a model might write (unified diff, SEARCH/REPLACE
// blocks, str_replace tool calls), with realistic noise, and labels each case ambiguous or not
// by a rule independent of the matcher. Used by editApplyBench.ts.
import type { ToolCall } from '../src/core/model/types';

export interface GoldHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Body lines with their ' ', '-', '+' prefix ('\' lines dropped). */
  lines: string[];
}

export interface GoldFile {
  path: string;
  /** undefined for a file the patch creates. */
  before: string | undefined;
  hunks: GoldHunk[];
}

export type Format = 'udiff' | 'searchReplace' | 'toolCalls';
export type Noise = 'clean' | 'indentDrift' | 'trailingWhitespace' | 'tabs' | 'crlf' | 'wrongLineNumbers' | 'missingContextLine' | 'combined';

export const variants: ReadonlyArray<[Format, Noise]> = [
  ['udiff', 'clean'],
  ['udiff', 'indentDrift'],
  ['udiff', 'trailingWhitespace'],
  ['udiff', 'tabs'],
  ['udiff', 'crlf'],
  ['udiff', 'wrongLineNumbers'],
  ['udiff', 'missingContextLine'],
  ['udiff', 'combined'],
  ['searchReplace', 'clean'],
  ['searchReplace', 'indentDrift'],
  ['searchReplace', 'trailingWhitespace'],
  ['searchReplace', 'tabs'],
  ['searchReplace', 'crlf'],
  ['searchReplace', 'combined'],
  ['toolCalls', 'clean'],
  ['toolCalls', 'indentDrift'],
  ['toolCalls', 'trailingWhitespace'],
];

export interface BenchCase {
  reply?: string;
  calls?: ToolCall[];
  /** True when a careful human could not tell where some block goes. */
  ambiguous: boolean;
  why?: string;
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
export function rngFor(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (l: string) => l.trim().replace(/\s+/g, ' ');

function fileLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function occurrences(hay: string[], needle: string[], eq: (a: string, b: string) => boolean): number {
  let n = 0;
  outer: for (let s = 0; s + needle.length <= hay.length; s++) {
    for (let i = 0; i < needle.length; i++) if (!eq(hay[s + i], needle[i])) continue outer;
    n++;
  }
  return n;
}

const oldOf = (lines: string[]) => lines.filter((l) => l[0] !== '+').map((l) => l.slice(1));
const newOf = (lines: string[]) => lines.filter((l) => l[0] !== '-').map((l) => l.slice(1));

// ---- noise on one hunk's body (prefixed lines) ----

function leadingWs(s: string): string {
  return /^[ \t]*/.exec(s)![0];
}

/** Shifts the whole hunk left to its common indentation, or right by 4 when it has none. */
function indentDrift(lines: string[]): string[] {
  const bodies = lines.map((l) => l.slice(1)).filter((b) => b.trim());
  const common = bodies.reduce<string | undefined>((acc, b) => {
    const ws = leadingWs(b);
    if (acc === undefined) return ws;
    let i = 0;
    while (i < acc.length && i < ws.length && acc[i] === ws[i]) i++;
    return acc.slice(0, i);
  }, undefined) ?? '';
  return lines.map((l) => {
    const body = l.slice(1);
    if (!body.trim()) return l[0];
    return l[0] + (common ? body.slice(common.length) : '    ' + body);
  });
}

/** Old-side lines lose their trailing whitespace, or gain some (the model misquoting the file). */
function trailingWhitespace(lines: string[], rng: () => number): string[] {
  return lines.map((l) => {
    if (l[0] === '+') return l;
    const body = l.slice(1);
    if (body !== body.trimEnd()) return l[0] + body.trimEnd();
    return rng() < 0.3 && body.trim() ? l[0] + body + (rng() < 0.5 ? ' ' : '\t') : l;
  });
}

/** Groups of four leading spaces written as tabs. */
function tabs(lines: string[]): string[] {
  return lines.map((l) => {
    const body = l.slice(1);
    const ws = leadingWs(body);
    const converted = ws.replace(/ {4}/g, '\t');
    return l[0] + converted + body.slice(ws.length);
  });
}

/** Which context line of a hunk to drop, or -1. */
function droppableContext(lines: string[], rng: () => number): number {
  const context = lines.map((l, i) => (l[0] === ' ' ? i : -1)).filter((i) => i >= 0);
  return context.length >= 3 ? context[Math.floor(rng() * context.length)] : -1;
}

/**
 * The dropped context line sat right next to added lines: without it, whether the added lines go
 * before or after that line is a guess (a human could only guess from what the code means).
 */
function nextToAddedLines(lines: string[], dropped: number): boolean {
  return lines[dropped - 1]?.[0] === '+' || lines[dropped + 1]?.[0] === '+';
}

// ---- replies ----

function renderDiff(files: GoldFile[], bodies: string[][][], headers: Array<Array<[number, number, number, number]>>): string {
  const out = ['Here is the patch:', '', '```diff'];
  files.forEach((f, fi) => {
    out.push(`diff --git a/${f.path} b/${f.path}`);
    out.push(f.before === undefined ? '--- /dev/null' : `--- a/${f.path}`, `+++ b/${f.path}`);
    f.hunks.forEach((_, hi) => {
      const [os, ol, ns, nl] = headers[fi][hi];
      out.push(`@@ -${os},${ol} +${ns},${nl} @@`, ...bodies[fi][hi]);
    });
  });
  out.push('```', '');
  return out.join('\n');
}

function renderSearchReplace(files: GoldFile[], bodies: string[][][]): string {
  const out = ['I will make these changes.', ''];
  files.forEach((f, fi) => {
    bodies[fi].forEach((lines) => {
      const search = f.before === undefined ? [] : oldOf(lines);
      out.push(f.path, '```python', '<<<<<<< SEARCH', ...search, '=======', ...newOf(lines), '>>>>>>> REPLACE', '```', '');
    });
  });
  return out.join('\n');
}

function renderToolCalls(files: GoldFile[], bodies: string[][][]): ToolCall[] {
  const calls: ToolCall[] = [];
  files.forEach((f, fi) => {
    if (f.before === undefined) {
      calls.push({ id: `c${calls.length}`, name: 'create_file', arguments: { path: f.path, content: newOf(bodies[fi].flat()).join('\n') + '\n' } });
      return;
    }
    for (const lines of bodies[fi]) {
      calls.push({ id: `c${calls.length}`, name: 'str_replace', arguments: { path: f.path, old_str: oldOf(lines).join('\n'), new_str: newOf(lines).join('\n') } });
    }
  });
  return calls;
}

/** Builds one case: the noisy reply and its ambiguity label. */
export function makeCase(files: GoldFile[], format: Format, noise: Noise, rng: () => number): BenchCase {
  let ambiguous = false;
  let why: string | undefined;
  const mark = (reason: string) => {
    ambiguous = true;
    why ??= reason;
  };
  const bodies = files.map((f) =>
    f.hunks.map((h) => {
      const lines = [...h.lines];
      if (f.before === undefined) return lines; // a new file's content is what it is
      if (noise === 'indentDrift') return indentDrift(lines);
      if (noise === 'trailingWhitespace') return trailingWhitespace(lines, rng);
      if (noise === 'tabs') return tabs(lines);
      if (noise === 'combined') return trailingWhitespace(rng() < 0.5 ? indentDrift(lines) : tabs(lines), rng);
      return lines;
    }),
  );
  const headers = files.map((f) => f.hunks.map((h): [number, number, number, number] => [h.oldStart, h.oldLines, h.newStart, h.newLines]));
  const combined = noise === 'combined';
  if (noise === 'wrongLineNumbers' || (combined && format === 'udiff')) {
    for (const hs of headers) {
      for (const h of hs) {
        const shift = (rng() < 0.5 ? -1 : 1) * (5 + Math.floor(rng() * 56));
        h[0] = Math.max(1, h[0] + shift);
        h[2] = Math.max(1, h[2] + shift);
        if (rng() < 0.5) h[1] += rng() < 0.5 ? -1 : 1;
        if (rng() < 0.5) h[3] += rng() < 0.5 ? -1 : 1;
      }
    }
  }
  if (noise === 'missingContextLine' || (combined && format === 'udiff')) {
    const candidates = files.flatMap((f, fi) => (f.before === undefined ? [] : f.hunks.map((_, hi) => [fi, hi])));
    if (candidates.length) {
      const [fi, hi] = candidates[Math.floor(rng() * candidates.length)];
      const drop = droppableContext(bodies[fi][hi], rng);
      if (drop >= 0) {
        if (nextToAddedLines(bodies[fi][hi], drop)) mark('dropped context line was next to added lines');
        bodies[fi][hi] = bodies[fi][hi].filter((_, i) => i !== drop);
      }
    }
  }
  // Ambiguity without line numbers: the old text (exact, or ignoring whitespace under whitespace noise) occurs more than once.
  const lineNumbersHelp = format === 'udiff' && noise !== 'wrongLineNumbers' && !combined;
  if (!lineNumbersHelp) {
    const loose = noise === 'indentDrift' || noise === 'trailingWhitespace' || noise === 'tabs' || combined;
    files.forEach((f) => {
      if (f.before === undefined) return;
      const hay = fileLines(f.before);
      for (const h of f.hunks) {
        const needle = oldOf(h.lines);
        const n = loose ? occurrences(hay.map(key), needle.map(key), (a, b) => a === b) : occurrences(hay, needle, (a, b) => a === b);
        if (n !== 1) mark(`old text of a hunk of ${f.path} occurs ${n} times`);
      }
    });
  }
  const c: BenchCase = { ambiguous, why };
  if (format === 'udiff') c.reply = renderDiff(files, bodies, headers);
  else if (format === 'searchReplace') c.reply = renderSearchReplace(files, bodies);
  else c.calls = renderToolCalls(files, bodies);
  if ((noise === 'crlf' || combined) && c.reply) c.reply = c.reply.replace(/\n/g, '\r\n');
  return c;
}
