import { type ChangeUnit, linesFromPair, oldSide, splitLines } from './changeUnit';
import type { BlockFailure, NearestCandidate } from './editPlan';
import type { FileText } from './fileText';
import { detectIndentation, noShift, type Reindent, reindentLine } from './indentation';
import { type Fit, locate } from './locate';
import { ambiguousCandidates, nearestCandidates } from './nearest';

export type UnitOutcome =
  | {
      ok: true;
      fuzzy: boolean;
      note?: string;
      /** 0-based start of the changed region before and after, and its old and new lengths. */
      start: number;
      oldLength: number;
      newLength: number;
    }
  | { ok: false; failure: BlockFailure; reason: string; nearest?: NearestCandidate[] };

/** Applies one unit to `file` in place, or explains why it cannot. */
export function applyUnit(file: FileText, unit: ChangeUnit, expectedStart?: number): UnitOutcome {
  if (unit.substring) {
    const done = applySubstring(file, unit.substring.old, unit.substring.new);
    if (done) return done;
  }
  const old = oldSide(unit);
  if (old.length === 0) {
    if (file.length === 0) return splice(file, unit, { start: 0, end: 0, map: unit.lines.map(() => -1), shift: noShift, level: 'exact', cost: 0 });
    return { ok: false, failure: 'emptySearch', reason: 'The old text is empty but the file is not; quote the lines next to the change so it has a place.' };
  }
  const where = locate(file.lines, unit, expectedStart);
  if ('failure' in where) {
    const nearest = where.failure === 'ambiguous' ? ambiguousCandidates(file.lines, old, where.places) : nearestCandidates(file.lines, old);
    return { ok: false, failure: where.failure, reason: where.reason, nearest };
  }
  return splice(file, unit, where.fit);
}

function describeFit(fit: Fit): string | undefined {
  const notes: string[] = [];
  if (fit.level === 'whitespace') notes.push('matched ignoring whitespace');
  if (fit.level === 'contextFuzz') notes.push(`matched with ${fit.cost} context line${fit.cost > 1 ? 's' : ''} missing, extra or changed`);
  if (fit.shift.delta !== 0) notes.push(`indentation shifted by ${fit.shift.delta > 0 ? '+' : ''}${fit.shift.delta} columns`);
  if (fit.pinnedByLine) notes.push('several places matched; the line number chose this one');
  return notes.length ? notes.join('; ') : undefined;
}

/** Replaces the fitted region: kept and unmatched-extra lines stay as the file has them, added lines are re-indented. */
function splice(file: FileText, unit: ChangeUnit, fit: Fit): UnitOutcome {
  // The style of the lines around the change (a file may mix styles by region), the unit from the whole file.
  const whole = detectIndentation(file.lines);
  const near = detectIndentation(file.lines.slice(Math.max(0, fit.start - 20), fit.end + 20));
  const style = near.style === 'tabs' || near.style === 'spaces' ? near.style : whole.style;
  const reindent: Reindent = { ...fit.shift, style, unit: whole.unit };
  const out: string[] = [];
  const keep: Array<number | undefined> = [];
  let p = fit.start;
  unit.lines.forEach((l, k) => {
    if (l.op === '+') {
      out.push(reindentLine(l.text, reindent));
      keep.push(undefined);
      return;
    }
    const at = fit.map[k];
    if (at < 0) return;
    for (; p < at; p++) {
      out.push(file.lines[p]);
      keep.push(p);
    }
    if (l.op === ' ') {
      out.push(file.lines[at]);
      keep.push(at);
    }
    p = at + 1;
  });
  for (; p < fit.end; p++) {
    out.push(file.lines[p]);
    keep.push(p);
  }
  const oldLength = fit.end - fit.start;
  file.splice(fit.start, fit.end, out, keep);
  const note = describeFit(fit);
  return { ok: true, fuzzy: fit.level !== 'exact', note, start: fit.start, oldLength, newLength: out.length };
}

/** The str_replace contract: `old` occurs exactly once as a string (it may start or end inside a line). */
function applySubstring(file: FileText, oldText: string, newText: string): UnitOutcome | undefined {
  if (!oldText) return undefined;
  const joined = file.lines.join('\n');
  const first = joined.indexOf(oldText);
  if (first < 0) return undefined;
  const lineAt = (offset: number) => {
    let line = 0;
    for (let i = joined.indexOf('\n'); i >= 0 && i < offset; i = joined.indexOf('\n', i + 1)) line++;
    return line;
  };
  const places: number[] = [];
  for (let at = first; at >= 0; at = joined.indexOf(oldText, at + 1)) places.push(lineAt(at));
  if (places.length > 1) {
    const shown = places.slice(0, 5).map((p) => p + 1).join(', ');
    return {
      ok: false,
      failure: 'ambiguous',
      reason: `old_str occurs ${places.length} times (lines ${shown}${places.length > 5 ? ', …' : ''}); include more surrounding text so it matches one place.`,
      nearest: ambiguousCandidates(file.lines, splitLines(oldText), places),
    };
  }
  const startLine = lineAt(first);
  const endOffset = first + oldText.length;
  // The last affected line: where the old text ends (a match ending in '\n' ends on the line before).
  const endLine = oldText.endsWith('\n') ? lineAt(endOffset - 1) : lineAt(endOffset);
  const lineStart = joined.lastIndexOf('\n', first - 1) + 1;
  const prefix = joined.slice(lineStart, first);
  const lineEnd = oldText.endsWith('\n') ? endOffset - 1 : (joined.indexOf('\n', endOffset) + 1 || joined.length + 1) - 1;
  const suffix = oldText.endsWith('\n') ? '' : joined.slice(endOffset, lineEnd);
  const before = file.lines.slice(startLine, endLine + 1);
  const replacementText = prefix + newText + suffix;
  const after = oldText.endsWith('\n') ? splitLines(replacementText) : replacementText.split('\n');
  const unit: ChangeUnit = { lines: linesFromPair(before, after), contextFuzz: false };
  let q = startLine;
  const map = unit.lines.map((l) => (l.op === '+' ? -1 : q++));
  return splice(file, unit, { start: startLine, end: endLine + 1, map, shift: noShift, level: 'exact', cost: 0 });
}
