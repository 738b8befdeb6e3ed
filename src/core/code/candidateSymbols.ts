import type { FileRecord, SymbolKind } from './codeTypes';
import type { IssueMentions } from './issueMentions';
import type { QueryTerms } from './lexicalScore';
import { pathSuffixMatches } from './mentionResolver';
import { kindOf } from './symbolTable';
import { hashTerm, splitIdentifier } from './textTerms';

export interface CandidateSymbol {
  name: string;
  kind: SymbolKind;
  container?: string;
  startLine: number;
  endLine: number;
}

const maxSymbols = 5;

/**
 * The definitions of a candidate file most likely to need the change: those the task names
 * (or whose owner it names), those containing a stack-trace line of this file, and those
 * whose name parts the task's words share.
 */
export function candidateSymbols(record: FileRecord, mentions: IssueMentions, q: QueryTerms): CandidateSymbol[] {
  const t = record.symbols;
  const n = t.names.length;
  if (n === 0) return [];
  const ids = new Map<string, number>();
  for (const [id, w] of mentions.identifiers) ids.set(id.toLowerCase(), Math.max(w, ids.get(id.toLowerCase()) ?? 0));
  const queryHashes = new Set(q.hashes);
  const frameLines = mentions.frames.filter((f) => f.file && f.line && pathSuffixMatches(record.path, f.file)).map((f) => f.line!);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const name = t.names[i];
    const lower = name.toLowerCase();
    let s = 3 * (ids.get(lower) ?? 0);
    if (t.containers[i] && ids.has(t.containers[i].toLowerCase())) s += 0.5;
    for (const line of frameLines) if (t.lines[i * 4] <= line && line <= t.lines[i * 4 + 1]) s += 2;
    for (const part of splitIdentifier(name)) if (part.length >= 3 && queryHashes.has(hashTerm(part))) s += 0.4;
    scores[i] = s;
  }
  // A frame line counts for the innermost definition around it, not for the class as a whole.
  for (let i = 0; i < n; i++) {
    const parent = t.parents[i];
    if (parent >= 0 && scores[i] >= 2 && frameLines.some((l) => t.lines[i * 4] <= l && l <= t.lines[i * 4 + 1])) scores[parent] -= 2;
  }
  const order = [...scores.keys()].filter((i) => scores[i] >= 0.8).sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, maxSymbols).map((i) => ({
    name: t.names[i],
    kind: kindOf(t, i),
    ...(t.containers[i] ? { container: t.containers[i] } : {}),
    startLine: t.lines[i * 4],
    endLine: t.lines[i * 4 + 1],
  }));
}
