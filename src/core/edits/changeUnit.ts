import { diffArrays } from 'diff';
import type { DiffHunk, SearchReplaceBlock } from './editPlan';
import type { Shift } from './indentation';

/** One line of a change: kept (' '), removed ('-') or added ('+'). */
export interface UnitLine {
  op: ' ' | '-' | '+';
  text: string;
}

/**
 * The common shape of a search/replace block and a diff hunk: an ordered list of kept, removed
 * and added lines. The old side (kept + removed) is what must be found in the file.
 */
export interface ChangeUnit {
  lines: UnitLine[];
  /** 0-based line where the old side should start (diff hunks with line numbers). */
  hint?: number;
  /** Hunks: kept lines are context and may be missing, extra or changed (bounded fuzz). */
  contextFuzz: boolean;
  /** str_replace calls: the exact old and new strings, tried as a substring first. */
  substring?: { old: string; new: string };
}

/** Splits block text into lines; a final newline ends the last line rather than adding an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function oldSide(unit: ChangeUnit): string[] {
  return unit.lines.filter((l) => l.op !== '+').map((l) => l.text);
}

export function newSide(unit: ChangeUnit): string[] {
  return unit.lines.filter((l) => l.op !== '-').map((l) => l.text);
}

/** Pairs the lines a replacement keeps verbatim, so the file's own version of them survives. */
export function linesFromPair(search: string[], replace: string[]): UnitLine[] {
  const out: UnitLine[] = [];
  for (const change of diffArrays(search, replace)) {
    const op = change.added ? '+' : change.removed ? '-' : ' ';
    for (const text of change.value) out.push({ op, text });
  }
  return out;
}

export function unitFromBlock(block: SearchReplaceBlock): ChangeUnit {
  const unit: ChangeUnit = { lines: linesFromPair(splitLines(block.search), splitLines(block.replace)), contextFuzz: false };
  if (block.match === 'substring') unit.substring = { old: block.search.replace(/\r\n/g, '\n'), new: block.replace.replace(/\r\n/g, '\n') };
  return unit;
}

export function unitFromHunk(hunk: DiffHunk): ChangeUnit {
  const lines: UnitLine[] = [];
  for (const raw of hunk.lines) {
    const op = raw[0];
    if (op === ' ' || op === '-' || op === '+') lines.push({ op, text: raw.slice(1) });
  }
  const unit: ChangeUnit = { lines, contextFuzz: true };
  if (hunk.oldStart !== undefined) unit.hint = Math.max(0, hunk.oldStart - 1);
  return unit;
}

/**
 * Where a change unit's old side sits in the file. `map[k]` is the file line of unit line k
 * (kept or removed), -1 for a context line the file does not have and for added lines.
 */
export interface Fit {
  start: number;
  end: number;
  map: number[];
  shift: Shift;
  level: 'exact' | 'whitespace' | 'contextFuzz';
  /** Context lines missing, extra or changed (contextFuzz only). */
  cost: number;
  /** Several places matched and the hunk's line number picked this one. */
  pinnedByLine?: boolean;
}
