import { constantShift, lineKey } from './indentation';
import { LineSimilarity } from './lineSimilarity';
import type { ChangeUnit, Fit } from './changeUnit';

/** One old-side line of a hunk and what the fuzzy search may do with it. */
interface OldLine {
  unitIndex: number;
  key: string;
  text: string;
  /** Removed lines and the context on both sides of a pure insertion must be present as written. */
  fixed: boolean;
  /** The file may hold extra lines between this line and the previous one (both plain context). */
  gapBefore: boolean;
}

function describeOld(unit: ChangeUnit): OldLine[] {
  const lines = unit.lines;
  const out: OldLine[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (lines[k].op === '+') continue;
    out.push({ unitIndex: k, key: lineKey(lines[k].text), text: lines[k].text, fixed: lines[k].op === '-', gapBefore: gapAllowed(lines, out[out.length - 1]?.unitIndex, k) });
  }
  // Context next to a group of added lines without removals pins where they go.
  for (let k = 0; k < lines.length; ) {
    if (lines[k].op === ' ') {
      k++;
      continue;
    }
    let end = k;
    while (end < lines.length && lines[end].op !== ' ') end++;
    const removes = lines.slice(k, end).some((l) => l.op === '-');
    if (!removes) {
      for (const o of out) if (o.unitIndex === k - 1 || o.unitIndex === end) o.fixed = true;
    }
    k = end;
  }
  return out;
}

/**
 * The file may hold lines the hunk left out between old lines `prev` and `k` only when no added
 * line sits between them (else the added lines' place relative to the extra lines is a guess),
 * and not inside a run of removed lines.
 */
function gapAllowed(lines: ChangeUnit['lines'], prev: number | undefined, k: number): boolean {
  if (prev === undefined) return false;
  if (lines[prev].op === '-' && lines[k].op === '-' && k === prev + 1) return false;
  return lines.slice(prev + 1, k).every((l) => l.op !== '+');
}

/** Bounds on the fuzzy search: hunks longer than this are not fuzzed, and the search gives up after this many steps. */
const maxFuzzLines = 1500;
const maxSearchSteps = 2_000_000;

/** A changed context line must still resemble what the hunk says (a misquote, not another line). */
const minSimilarity = 0.6;

interface Path {
  map: number[];
  cost: number;
  end: number;
}

/**
 * Every place a hunk fits when up to `maxCost` context lines may be missing from the file,
 * extra in the file, or different; removed lines and the context pinning an insertion must be
 * there (ignoring whitespace). Fits that put the change in the same place count once (cheapest kept).
 */
export function contextFuzzFits(fileLines: readonly string[], fileKeys: readonly string[], unit: ChangeUnit, maxCost: number): Fit[] | 'tooCostly' {
  if (maxCost <= 0) return [];
  const old = describeOld(unit);
  if (old.length > maxFuzzLines) return 'tooCostly';
  const counts = new Map<string, number>();
  for (const k of fileKeys) counts.set(k, (counts.get(k) ?? 0) + 1);
  // Start from the fixed line the file has fewest copies of: fewer places to try.
  let anchor = -1;
  for (let i = 0; i < old.length; i++) {
    if (old[i].fixed && (anchor < 0 || (counts.get(old[i].key) ?? 0) < (counts.get(old[anchor].key) ?? 0))) anchor = i;
  }
  if (anchor < 0) return [];
  const byPlace = new Map<string, Fit>();
  const starts = new Set<number>();
  for (let q = 0; q < fileKeys.length; q++) {
    if (fileKeys[q] !== old[anchor].key) continue;
    for (let s = q - anchor - maxCost; s <= q - anchor + maxCost; s++) if (s >= 0 && s < fileKeys.length) starts.add(s);
  }
  const similar = new LineSimilarity();
  const budget = { steps: maxSearchSteps };
  for (const s of [...starts].sort((a, b) => a - b)) {
    const paths = search(old, fileKeys, s, maxCost, similar, budget);
    if (budget.steps < 0) return 'tooCostly';
    for (const path of paths) {
      const fit = toFit(unit, old, path, fileLines);
      if (!fit) continue;
      const place = changePlace(unit, fit);
      const seen = byPlace.get(place);
      if (!seen || fit.cost < seen.cost) byPlace.set(place, fit);
    }
  }
  return [...byPlace.values()];
}

/** Every alignment of the old lines from file line `start` within the cost budget. */
function search(old: OldLine[], fileKeys: readonly string[], start: number, maxCost: number, similar: LineSimilarity, budget: { steps: number }): Path[] {
  const found: Path[] = [];
  const map: number[] = new Array(old.length).fill(-1);
  const step = (i: number, p: number, cost: number) => {
    if (cost > maxCost || --budget.steps < 0) return;
    if (i === old.length) {
      if (map.some((m) => m >= 0)) found.push({ map: [...map], cost, end: p });
      return;
    }
    const o = old[i];
    if (p < fileKeys.length && fileKeys[p] === o.key) {
      map[i] = p;
      step(i + 1, p + 1, cost);
      map[i] = -1;
    }
    if (!o.fixed) {
      if (p < fileKeys.length && fileKeys[p] !== o.key && similar.of(fileKeys[p], o.key) >= minSimilarity) {
        map[i] = -2 - p; // changed context line: the file's line stands in for it
        step(i + 1, p + 1, cost + 1);
        map[i] = -1;
      }
      step(i + 1, p, cost + 1); // context line the file does not have
    }
    if (i > 0 && o.gapBefore && p < fileKeys.length && fileKeys[p] !== o.key) step(i, p + 1, cost + 1); // extra file line
  };
  step(0, start, 0);
  return found;
}

function toFit(unit: ChangeUnit, old: OldLine[], path: Path, fileLines: readonly string[]): Fit | undefined {
  const map = unit.lines.map(() => -1);
  const matchedBlock: string[] = [];
  const matchedFile: string[] = [];
  let start = Infinity;
  for (let i = 0; i < old.length; i++) {
    const m = path.map[i];
    if (m === -1) continue;
    const line = m >= 0 ? m : -2 - m;
    map[old[i].unitIndex] = line;
    start = Math.min(start, line);
    if (m >= 0) {
      matchedBlock.push(old[i].text);
      matchedFile.push(fileLines[m]);
    }
  }
  if (!Number.isFinite(start)) return undefined;
  if (slides(unit, map, start, path.end, fileLines)) return undefined;
  const shift = constantShift(matchedBlock, matchedFile);
  if (!shift) return undefined;
  return { start, end: path.end, map, shift, level: 'contextFuzz', cost: path.cost };
}

/**
 * True when an extra file line sits in a run of identical lines (blank lines, say) one of which
 * is matched to a line next to added lines: which of them is "extra" is arbitrary, so where the
 * added lines go is too.
 */
function slides(unit: ChangeUnit, map: number[], start: number, end: number, fileLines: readonly string[]): boolean {
  const owner = new Map<number, number>();
  map.forEach((line, k) => {
    if (line >= 0) owner.set(line, k);
  });
  const nextToAdded = (k: number) => unit.lines[k - 1]?.op === '+' || unit.lines[k + 1]?.op === '+';
  const key = (i: number) => lineKey(fileLines[i]);
  for (let p = start; p < end; p++) {
    if (owner.has(p)) continue;
    for (const dir of [-1, 1]) {
      for (let q = p + dir; q >= start && q < end && key(q) === key(p); q += dir) {
        const k = owner.get(q);
        if (k !== undefined && nextToAdded(k)) return true;
      }
    }
  }
  return false;
}

/** Where the change lands: the file lines it removes and the lines its insertions precede. */
function changePlace(unit: ChangeUnit, fit: Fit): string {
  const parts: number[] = [];
  let next = fit.start;
  for (let k = 0; k < unit.lines.length; k++) {
    const l = unit.lines[k];
    if (l.op === '+') parts.push(-1 - next);
    else if (fit.map[k] >= 0) {
      if (l.op === '-') parts.push(fit.map[k]);
      next = fit.map[k] + 1;
    }
  }
  return parts.join(',');
}
