import type { ChangeUnit, Fit } from './changeUnit';
import { oldSide } from './changeUnit';
import { contextFuzzFits } from './contextFuzz';
import { constantShift, lineKey, noShift, type Shift } from './indentation';

export type { Fit };

export type LocateOutcome =
  | { fit: Fit }
  | { failure: 'notFound' | 'ambiguous'; reason: string; places: number[] };

/**
 * A diff hunk without context after its added lines adds them at the end of the file (diff
 * omits context only there), and one without context before them at the start. Anywhere else
 * such a hunk has lost a context line, and where its lines go is a guess.
 */
function fileEdgeRule(unit: ChangeUnit, length: number): { ok: (start: number, end: number) => boolean; why: string } {
  const lines = unit.lines;
  const atEnd = unit.contextFuzz && lines.length > 0 && lines[lines.length - 1].op === '+' && lines.some((l) => l.op !== '+');
  const atStart = unit.contextFuzz && lines.length > 0 && lines[0].op === '+' && lines.some((l) => l.op !== '+');
  const why = atEnd
    ? 'The hunk has no context lines after its added lines, so they belong at the end of the file, but its old lines are not at the end; add the context lines that follow.'
    : 'The hunk has no context lines before its added lines, so they belong at the start of the file, but its old lines are not at the start; add the context lines that precede.';
  return { ok: (start, end) => (!atEnd || end === length) && (!atStart || start === 0), why };
}

/** Identical places are told apart by a hunk's line number only when exactly one is this close to it. */
export const pinTolerance = 3;

/** Other loose fits must be farther than this from a hunk's line for the line to pick one. */
export const loosePinClearance = 10;

/** A hunk that only fits loosely must fit within this many lines of its header's line, if it has one. */
export const maxFuzzDistance = 100;

/** Most context discrepancies a hunk may have: two, and at most a third of its context lines. */
export function maxContextFuzz(unit: ChangeUnit): number {
  const context = unit.lines.filter((l) => l.op === ' ').length;
  return Math.min(2, Math.floor(context / 3));
}

function positionsOf(fileLines: readonly string[], wanted: readonly string[], eq: (a: string, b: string) => boolean): number[] {
  const found: number[] = [];
  outer: for (let s = 0; s + wanted.length <= fileLines.length; s++) {
    for (let i = 0; i < wanted.length; i++) if (!eq(fileLines[s + i], wanted[i])) continue outer;
    found.push(s);
  }
  return found;
}

function identityFit(unit: ChangeUnit, start: number, level: Fit['level'], shift: Fit['shift']): Fit {
  let p = start;
  const map = unit.lines.map((l) => (l.op === '+' ? -1 : p++));
  return { start, end: p, map, shift, level, cost: 0 };
}

function describePlaces(places: number[]): string {
  const shown = places.slice(0, 5).map((p) => p + 1);
  return `lines ${shown.join(', ')}${places.length > shown.length ? ` and ${places.length - shown.length} more` : ''}`;
}

/**
 * Finds the one place a unit applies: exact match; else a whitespace-insensitive match (trailing
 * whitespace, constant indentation drift, tabs vs spaces); else, for diff hunks, a match with a
 * few context lines missing, extra or changed. Each level must be unique; a hunk's line number
 * only chooses between identical places (the one within a few lines of it), never between different ones.
 */
export function locate(fileLines: readonly string[], unit: ChangeUnit, expectedStart?: number): LocateOutcome {
  const old = oldSide(unit);
  const pin = (places: number[]) => (expectedStart === undefined ? [] : places.filter((p) => Math.abs(p - expectedStart) <= pinTolerance));
  const edge = fileEdgeRule(unit, fileLines.length);
  const exactAll = positionsOf(fileLines, old, (a, b) => a === b);
  const exact = exactAll.filter((s) => edge.ok(s, s + old.length));
  if (exactAll.length > 0 && exact.length === 0) return { failure: 'notFound', reason: edge.why, places: exactAll };
  if (exact.length === 1) return { fit: identityFit(unit, exact[0], 'exact', noShift) };
  if (exact.length > 1) {
    const pinned = pin(exact);
    if (pinned.length === 1) return { fit: { ...identityFit(unit, pinned[0], 'exact', noShift), pinnedByLine: true } };
    return { failure: 'ambiguous', reason: `The old text occurs ${exact.length} times (${describePlaces(exact)}); include more surrounding lines so it matches one place.`, places: exact };
  }

  const fileKeys = fileLines.map(lineKey);
  const oldKeys = old.map(lineKey);
  const looseAll = positionsOf(fileKeys, oldKeys, (a, b) => a === b);
  const loose = looseAll.filter((s) => edge.ok(s, s + old.length));
  if (looseAll.length > 0 && loose.length === 0) return { failure: 'notFound', reason: edge.why, places: looseAll };
  const shifted = (s: number) => constantShift(old, fileLines.slice(s, s + old.length));
  if (loose.length > 1) {
    const pinned = pin(loose);
    const shift = pinned.length === 1 ? shifted(pinned[0]) : undefined;
    if (shift) return { fit: { ...identityFit(unit, pinned[0], 'whitespace', shift), pinnedByLine: true } };
    return { failure: 'ambiguous', reason: `Ignoring whitespace, the old text occurs ${loose.length} times (${describePlaces(loose)}); include more surrounding lines so it matches one place.`, places: loose };
  }
  if (loose.length === 1) {
    const shift = shifted(loose[0]);
    if (shift) return { fit: identityFit(unit, loose[0], 'whitespace', shift) };
    return { failure: 'notFound', reason: `The old text matches lines ${loose[0] + 1}-${loose[0] + old.length} only if their relative indentation changes; copy the indentation exactly.`, places: loose };
  }

  if (unit.contextFuzz) {
    const all = contextFuzzFits(fileLines, fileKeys, unit, maxContextFuzz(unit));
    if (all === 'tooCostly') {
      return { failure: 'notFound', reason: 'The old text does not occur exactly, and too many places are similar to try looser matches; quote the lines exactly.', places: [] };
    }
    const fits = all.filter((f) => edge.ok(f.start, f.end));
    if (fits.length === 1) {
      const far = expectedStart !== undefined && Math.abs(fits[0].start - expectedStart) > maxFuzzDistance;
      if (!far) return { fit: fits[0] };
      return {
        failure: 'notFound',
        reason: `The hunk fits only with its context loosened, at line ${fits[0].start + 1}, far from the line its header gives (${expectedStart! + 1}); send it with exact context.`,
        places: [fits[0].start],
      };
    }
    if (fits.length > 1) {
      // The line number may pick a loose fit only when every other fit is well away from it.
      const distance = (f: Fit) => Math.abs(f.start - expectedStart!);
      const near = expectedStart === undefined ? [] : fits.filter((f) => distance(f) <= f.cost);
      const crowded = fits.some((f) => !near.includes(f) && distance(f) <= loosePinClearance);
      if (near.length === 1 && !crowded) return { fit: { ...near[0], pinnedByLine: true } };
      const places = fits.map((f) => f.start);
      return { failure: 'ambiguous', reason: `With its context loosened, the hunk fits ${fits.length} places (${describePlaces(places)}); include more exact context.`, places };
    }
  }
  return { failure: 'notFound', reason: 'The old text does not occur in the file, not even ignoring whitespace.', places: [] };
}
