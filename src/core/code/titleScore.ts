import type { FileRecord } from './codeTypes';
import { bm25Scores, termIdf, type QueryTerms, type TermMatches } from './lexicalScore';
import { packageStems } from './mentionResolver';
import type { RetrievalSnapshot } from './retrievalSnapshot';
import { forEachTerm, hashTerm, splitIdentifier } from './textTerms';
import { stemOf } from './wordStem';

/**
 * The title (an issue's summary line, a commit's subject) says in a few words what the whole
 * text is about, so matching it is scored on its own: BM25 against the title's words only, the
 * share of the title's words (by rarity) a file contains, whether a file is named after a title
 * word ("mocked" → `mock.py`, "typehints" → `typehints.py`), and whether one of its
 * definitions is (`inherited_members` for "inherited members are not documented").
 */

/** BM25 of each file against the title's words alone (all weighted alike). */
export function titleTextScores(snap: RetrievalSnapshot, q: QueryTerms, m: TermMatches): Float64Array {
  return bm25Scores(snap, m, Float64Array.from(q.inTitle));
}

/** The share of the title's words, weighted by rarity, that each file contains (0..1). */
export function titleCoverage(snap: RetrievalSnapshot, q: QueryTerms, m: TermMatches): Float64Array {
  const n = snap.files.length;
  const qn = q.hashes.length;
  const idf = termIdf(snap, m);
  const title = [...q.inTitle.keys()].filter((j) => q.inTitle[j] && m.df[j] > 0);
  let total = 0;
  for (const j of title) total += idf[j];
  const scores = new Float64Array(n);
  if (total === 0) return scores;
  for (let f = 0; f < n; f++) {
    let s = 0;
    for (const j of title) if (m.tf[f * qn + j]) s += idf[j];
    scores[f] = s / total;
  }
  return scores;
}

/** For the given files: the share of the words of the file's name (without extension) that are title words or their stems. */
export function titleNameScores(snap: RetrievalSnapshot, q: QueryTerms, files: number[]): Map<number, number> {
  const words = new Set<string>();
  q.terms.forEach((t, j) => {
    if (q.inTitle[j]) words.add(t).add(stemOf(t));
  });
  const scores = new Map<number, number>();
  if (words.size === 0) return scores;
  for (const f of files) {
    const p = snap.files[f].path;
    const stem = p.slice(p.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    if (packageStems.includes(stem.toLowerCase())) continue; // `__init__.py`, `index.ts`: named after the folder
    const parts = splitIdentifier(stem);
    if (parts.length === 0) continue;
    const hits = parts.filter((w) => words.has(w) || words.has(stemOf(w))).length;
    if (hits > 0) scores.set(f, hits / parts.length);
  }
  return scores;
}

const definitionTerms = new WeakMap<FileRecord, Uint32Array[]>();

/** Per definition of a file: the hashes of its name's terms (whole name and parts), cached per record. */
function termsOfDefinitions(record: FileRecord): Uint32Array[] {
  let cached = definitionTerms.get(record);
  if (!cached) {
    cached = record.symbols.names.map((name) => {
      const set = new Set<number>();
      forEachTerm(name, (t) => set.add(hashTerm(t)));
      return Uint32Array.from(set);
    });
    definitionTerms.set(record, cached);
  }
  return cached;
}

/**
 * For the given files: how well one definition's name spells the title (the rarity of the title
 * words in the best-matching name), 0..1 relative to the best of these files. A title that
 * names a function ("autodoc_type_aliases doesn't work …") points at its definition.
 */
export function titleDefinitionScores(snap: RetrievalSnapshot, q: QueryTerms, m: TermMatches, files: number[]): Map<number, number> {
  const idf = termIdf(snap, m);
  const weightOf = new Map<number, number>();
  q.hashes.forEach((h, j) => q.inTitle[j] && m.df[j] > 0 && weightOf.set(h, idf[j]));
  const scores = new Map<number, number>();
  if (weightOf.size === 0) return scores;
  let max = 0;
  for (const f of files) {
    let best = 0;
    for (const terms of termsOfDefinitions(snap.files[f])) {
      let s = 0;
      for (const h of terms) s += weightOf.get(h) ?? 0;
      if (s > best) best = s;
    }
    if (best > 0) scores.set(f, best);
    if (best > max) max = best;
  }
  for (const [f, s] of scores) scores.set(f, s / max);
  return scores;
}
