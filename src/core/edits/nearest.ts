import { diffArrays } from 'diff';
import type { NearestCandidate } from './editPlan';
import { isBlank, leadingWhitespace, lineKey } from './indentation';
import { LineSimilarity } from './lineSimilarity';

const maxShownLines = 24;
const maxReasons = 4;
/** Most (window start × block line) similarities scored per failed block. */
const maxScoredLines = 300_000;

function describeIndent(line: string): string {
  const ws = leadingWhitespace(line);
  if (!ws) return 'none';
  const tabs = [...ws].filter((c) => c === '\t').length;
  const spaces = ws.length - tabs;
  return [tabs ? `${tabs} tab${tabs > 1 ? 's' : ''}` : '', spaces ? `${spaces} space${spaces > 1 ? 's' : ''}` : ''].filter(Boolean).join(' + ');
}

function clip(s: string, n = 60): string {
  const t = s.trim();
  return JSON.stringify(t.length > n ? t.slice(0, n) + '…' : t);
}

/** Why the block's old lines differ from the file's lines at `start` (1-based line numbers in the file). */
export function explainMismatch(block: readonly string[], fileLines: readonly string[], start: number): string[] {
  const window = fileLines.slice(start, start + block.length + 2);
  const why: string[] = [];
  let fi = 0;
  let bi = 0;
  const changes = diffArrays(block.map(lineKey), window.map(lineKey));
  for (let c = 0; c < changes.length && why.length < maxReasons; c++) {
    const ch = changes[c];
    if (!ch.added && !ch.removed) {
      for (let k = 0; k < ch.count && why.length < maxReasons; k++) {
        const b = block[bi + k];
        const f = window[fi + k];
        if (b === f) continue;
        const at = `line ${start + fi + k + 1}`;
        if (b.trimEnd() === f.trimEnd() || isBlank(b)) why.push(`${at}: trailing whitespace differs`);
        else if (leadingWhitespace(b) !== leadingWhitespace(f)) why.push(`${at}: indentation differs (file ${describeIndent(f)}, block ${describeIndent(b)})`);
        else why.push(`${at}: whitespace inside the line differs`);
      }
      bi += ch.count;
      fi += ch.count;
    } else if (ch.removed) {
      const next = changes[c + 1];
      if (next?.added) {
        const f = window[fi];
        why.push(`line ${start + fi + 1}: file has ${clip(f)}, block has ${clip(block[bi])}`);
        bi += ch.count;
        fi += next.count;
        c++;
      } else {
        why.push(`block line ${bi + 1} ${clip(block[bi])} is not in the file here`);
        bi += ch.count;
      }
    } else {
      if (bi < block.length) why.push(`line ${start + fi + 1} ${clip(window[fi])} is missing from the block`);
      fi += ch.count;
    }
  }
  return why;
}

/**
 * Up to three regions of the file most like the block's old lines, best first, each with the
 * file's lines verbatim and short reasons they did not match, so the model can fix its block.
 */
export function nearestCandidates(fileLines: readonly string[], block: readonly string[], limit = 3): NearestCandidate[] {
  const m = block.length;
  if (m === 0 || fileLines.length === 0) return [];
  const fileKeys = fileLines.map(lineKey);
  const blockKeys = block.map(lineKey);
  const similarity = new LineSimilarity();
  const last = Math.max(0, fileLines.length - m);
  let starts: number[];
  if ((last + 1) * m <= maxScoredLines) {
    starts = Array.from({ length: last + 1 }, (_, s) => s);
  } else {
    // Large file: only places where some block line matches, the best-anchored first.
    const positions = new Map<string, number[]>();
    fileKeys.forEach((k, i) => (positions.get(k) ?? positions.set(k, []).get(k)!).push(i));
    const hits = new Map<number, number>();
    blockKeys.forEach((k, i) => {
      if (k) for (const p of positions.get(k) ?? []) hits.set(Math.min(last, Math.max(0, p - i)), (hits.get(Math.min(last, Math.max(0, p - i))) ?? 0) + 1);
    });
    starts = [...hits.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, Math.max(1, Math.floor(maxScoredLines / m)))
      .map(([s]) => s);
  }
  const scored = starts.map((s) => {
    let total = 0;
    for (let i = 0; i < m; i++) {
      const f = fileKeys[s + i];
      total += f === undefined ? 0 : similarity.of(blockKeys[i], f);
    }
    return { s, score: total / m };
  });
  scored.sort((a, b) => b.score - a.score || a.s - b.s);
  const picked: { s: number; score: number }[] = [];
  for (const c of scored) {
    if (picked.length >= limit || c.score < 0.2) break;
    if (picked.some((p) => Math.abs(p.s - c.s) < m)) continue;
    picked.push(c);
  }
  return picked.map(({ s, score }) => ({
    startLine: s + 1,
    lines: fileLines.slice(s, s + Math.min(m, maxShownLines)),
    score: Math.round(score * 100) / 100,
    why: explainMismatch(block, fileLines, s),
  }));
}

/** The places an ambiguous block matched, as candidates the model can tell apart. */
export function ambiguousCandidates(fileLines: readonly string[], block: readonly string[], places: number[], limit = 3): NearestCandidate[] {
  return places.slice(0, limit).map((s) => {
    const from = Math.max(0, s - 2);
    return {
      startLine: from + 1,
      lines: fileLines.slice(from, s + Math.min(block.length, maxShownLines) + 2),
      score: 1,
      why: [`matches lines ${s + 1}-${s + block.length} (shown with up to 2 lines around them)`],
    };
  });
}

