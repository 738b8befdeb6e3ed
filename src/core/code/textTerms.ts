/**
 * Terms for lexical scoring: identifiers and words, lower-cased, plus the parts of compound
 * identifiers (camelCase, snake_case, digits), hashed to 32 bits so the index stores numbers
 * rather than millions of strings.
 */

const identifierPattern = /[A-Za-z_][A-Za-z0-9_]*/g;
const partPattern = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const maxTermLength = 64;

/** FNV-1a over the UTF-16 code units; terms are ASCII so this is the byte hash. */
export function hashTerm(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `parseHTTPResponse2` → ['parse', 'http', 'response', '2']; `get_user_id` → ['get', 'user', 'id']. */
export function splitIdentifier(identifier: string): string[] {
  const parts = identifier.match(partPattern);
  return parts ? parts.map((p) => p.toLowerCase()) : [];
}

/**
 * Calls `add` for each term of a text: every identifier (lower-cased) and, for compound
 * ones, each part of two or more characters.
 */
export function forEachTerm(text: string, add: (term: string) => void): void {
  identifierPattern.lastIndex = 0;
  for (let m = identifierPattern.exec(text); m; m = identifierPattern.exec(text)) {
    const id = m[0];
    if (id.length < 2 || id.length > maxTermLength) continue;
    const lower = id.toLowerCase();
    add(lower);
    if (!isSimpleWord(id)) {
      for (const part of splitIdentifier(id)) if (part.length >= 2 && part !== lower) add(part);
    }
  }
}

/** Lower-case letters only, or one capital then lower case: nothing to split. */
function isSimpleWord(id: string): boolean {
  for (let i = 1; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

export interface TermVector {
  /** Sorted unique hashes. */
  hashes: Uint32Array;
  /** Occurrences per hash, saturated at 255. */
  counts: Uint8Array;
}

/** The term vector of a text. */
export function termVector(text: string): TermVector {
  const counts = new Map<string, number>();
  forEachTerm(text, (t) => counts.set(t, (counts.get(t) ?? 0) + 1));
  const byHash = new Map<number, number>();
  for (const [term, n] of counts) {
    const h = hashTerm(term);
    byHash.set(h, (byHash.get(h) ?? 0) + n);
  }
  const hashes = Uint32Array.from(byHash.keys()).sort();
  const out = new Uint8Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) out[i] = Math.min(255, byHash.get(hashes[i])!);
  return { hashes, counts: out };
}

/** Sorted unique hashes of a list of names (as given, lower-cased). */
export function nameHashes(names: Iterable<string>): Uint32Array {
  const set = new Set<number>();
  for (const n of names) set.add(hashTerm(n.toLowerCase()));
  return Uint32Array.from(set).sort();
}

/** Binary search in a sorted Uint32Array; the index or -1. */
export function findHash(sorted: Uint32Array, hash: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v < hash) lo = mid + 1;
    else if (v > hash) hi = mid - 1;
    else return mid;
  }
  return -1;
}
