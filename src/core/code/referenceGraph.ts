import type { RetrievalSnapshot } from './retrievalSnapshot';
import { findHash, nameHashes } from './textTerms';

/** Names defined in more files than this are too common to link files (init, get, main…). */
const maxDefiningFiles = 4;

export interface Seed {
  file: number;
  weight: number;
}

/**
 * Spreads seed scores along the reference graph: a file gets credit when a seed uses names it
 * defines (callees, base classes, imported types), across the whole index, and when, among
 * the `pool` of candidates, it uses names a seed defines (callers). Returns raw credit per file.
 */
export function graphScores(snap: RetrievalSnapshot, seeds: Seed[], pool: number[]): Float64Array {
  const credit = new Float64Array(snap.files.length);
  /** How many seeds link to each file: a hub linked to by every candidate says little about any. */
  const linkedFrom = new Uint16Array(snap.files.length);
  for (const seed of seeds) {
    const shared = new Map<number, number>();
    for (const ref of snap.files[seed.file].refs) {
      const defining = snap.filesDefining(ref);
      if (defining.length === 0 || defining.length > maxDefiningFiles) continue;
      for (const f of defining) if (f !== seed.file) shared.set(f, (shared.get(f) ?? 0) + 1 / defining.length);
    }
    for (const [f, n] of shared) {
      credit[f] += seed.weight * Math.min(1, n / 3);
      linkedFrom[f]++;
    }
    const defs = nameHashes(snap.files[seed.file].symbols.names).filter((h) => snap.definitionCount(h) <= maxDefiningFiles);
    if (defs.length === 0) continue;
    for (const f of pool) {
      if (f === seed.file) continue;
      const refs = snap.files[f].refs;
      let n = 0;
      for (const h of defs) if (findHash(refs, h) >= 0) n++;
      if (n > 0) credit[f] += 0.5 * seed.weight * Math.min(1, n / 3);
    }
  }
  for (let f = 0; f < credit.length; f++) if (linkedFrom[f] > 1) credit[f] /= Math.sqrt(linkedFrom[f]);
  return credit;
}
