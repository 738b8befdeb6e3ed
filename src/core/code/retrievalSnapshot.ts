import type { CodeIndex } from './codeIndex';
import type { FileRecord } from './codeTypes';
import { filePrior } from './filePriors';
import { forEachTerm, hashTerm } from './textTerms';
import { TimeSlicer } from './timeSlicer';

const fileBits = 2 ** 21;

/**
 * Per-index statistics retrieval needs, derived once per index version: the searchable files,
 * their text lengths, path terms and document frequencies, lookups by file name and by dotted
 * module path, and a sorted table of definition names (hash → files).
 */
export class RetrievalSnapshot {
  readonly files: FileRecord[];
  readonly ordinal = new Map<string, number>();
  readonly docLengths: Float64Array;
  /** filePrior of each file. */
  readonly priors: Float64Array;
  avgDocLength: number;
  readonly pathTerms: Uint32Array[];
  /** Per file: the terms of its file name without extension, as they occur (repeats kept). */
  readonly fileNameTerms: Uint32Array[];
  /** Per file: sorted terms of its definition names. */
  readonly nameTerms: Uint32Array[];
  readonly pathDf = new Map<number, number>();
  /**
   * Path term → files whose path has it, and file-name term → files (once per occurrence): a query
   * visits only its terms' files. Paths never change in a patch, so neither do these.
   */
  readonly pathPostings = new Map<number, number[]>();
  readonly fileNamePostings = new Map<number, number[]>();
  readonly byBaseName = new Map<string, number[]>();
  /** File name without extension, lower-cased → files. */
  readonly byStem = new Map<string, number[]>();
  private defKeys: Float64Array;

  private static readonly cache = new WeakMap<CodeIndex, { version: number; snapshot: RetrievalSnapshot }>();

  static of(index: CodeIndex): RetrievalSnapshot {
    const hit = RetrievalSnapshot.cache.get(index);
    if (hit && hit.version === index.version) return hit.snapshot;
    if (hit) {
      // A few files edited in place (the watcher's usual case): patch rather than rebuild.
      const changed = index.changedSince(hit.version);
      const records = changed?.map((p) => index.file(p));
      if (changed && records && changed.length <= 500 && records.every((r, i) => r && !r.skipped && hit.snapshot.ordinal.has(changed[i]))) {
        hit.snapshot.patch(records as FileRecord[]);
        hit.version = index.version;
        return hit.snapshot;
      }
    }
    const snapshot = new RetrievalSnapshot([...index.files()].filter((f) => !f.skipped));
    RetrievalSnapshot.cache.set(index, { version: index.version, snapshot });
    return snapshot;
  }

  /**
   * Builds the statistics with yields to the event loop (the per-file part, most of the work),
   * so the first query after a build does not hold the extension host.
   */
  static async prepare(index: CodeIndex, signal?: AbortSignal): Promise<RetrievalSnapshot> {
    const slicer = new TimeSlicer(signal);
    for (const f of index.files()) {
      if (!f.skipped) derivedOf(f);
      await slicer.tick();
    }
    return RetrievalSnapshot.of(index);
  }

  constructor(files: FileRecord[]) {
    this.files = files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.docLengths = new Float64Array(files.length);
    this.priors = new Float64Array(files.length);
    this.pathTerms = new Array<Uint32Array>(files.length);
    this.fileNameTerms = new Array<Uint32Array>(files.length);
    this.nameTerms = new Array<Uint32Array>(files.length);
    let total = 0;
    let defCount = 0;
    const perFile = files.map(derivedOf);
    files.forEach((f, i) => {
      const d = perFile[i];
      this.ordinal.set(f.path, i);
      this.docLengths[i] = d.docLength;
      this.priors[i] = d.prior;
      total += d.docLength;
      this.pathTerms[i] = d.pathTerms;
      this.fileNameTerms[i] = d.fileNameTerms;
      this.nameTerms[i] = d.nameTerms;
      for (const t of d.pathTerms) {
        this.pathDf.set(t, (this.pathDf.get(t) ?? 0) + 1);
        push(this.pathPostings, t, i);
      }
      for (const t of d.fileNameTerms) push(this.fileNamePostings, t, i);
      push(this.byBaseName, d.baseName, i);
      push(this.byStem, d.baseName.replace(/\.[^.]*$/, ''), i);
      defCount += d.nameHashes.length;
    });
    this.avgDocLength = files.length ? total / files.length : 1;
    this.defKeys = new Float64Array(defCount);
    let n = 0;
    perFile.forEach((d, i) => {
      for (const h of d.nameHashes) this.defKeys[n++] = h * fileBits + i;
    });
    this.defKeys.sort();
  }

  /** Replaces records of files already in the snapshot (same paths) and updates what depends on them. */
  private patch(records: FileRecord[]): void {
    let total = this.avgDocLength * this.files.length;
    const removed: number[] = [];
    const added: number[] = [];
    for (const r of records) {
      const i = this.ordinal.get(r.path)!;
      const old = derivedOf(this.files[i]);
      for (const h of old.nameHashes) removed.push(h * fileBits + i);
      const d = derivedOf(r);
      total += d.docLength - this.docLengths[i];
      this.files[i] = r;
      this.docLengths[i] = d.docLength;
      this.priors[i] = d.prior;
      this.nameTerms[i] = d.nameTerms;
      for (const h of d.nameHashes) added.push(h * fileBits + i);
    }
    this.avgDocLength = this.files.length ? total / this.files.length : 1;
    this.defKeys = replaceSortedKeys(this.defKeys, Float64Array.from(removed).sort(), Float64Array.from(added).sort());
  }

  /** Ordinals of the files defining a name (by lower-cased hash), each once. */
  filesDefining(nameHash: number): number[] {
    const keys = this.defKeys;
    const lowKey = nameHash * fileBits;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < lowKey) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < keys.length && keys[i] < lowKey + fileBits; i++) {
      const f = keys[i] - lowKey;
      if (out[out.length - 1] !== f) out.push(f);
    }
    return out;
  }

  /** How many files define the name. */
  definitionCount(nameHash: number): number {
    return this.filesDefining(nameHash).length;
  }
}

/** What a snapshot needs of one record, kept per record object so a rebuild after a few changes is cheap. */
interface Derived {
  docLength: number;
  pathTerms: Uint32Array;
  fileNameTerms: Uint32Array;
  baseName: string;
  nameHashes: Uint32Array;
  /** Sorted unique terms of the definition names (whole names and their parts). */
  nameTerms: Uint32Array;
  prior: number;
}

const derived = new WeakMap<FileRecord, Derived>();

function derivedOf(f: FileRecord): Derived {
  let d = derived.get(f);
  if (d) return d;
  let docLength = 0;
  for (let k = 0; k < f.termCounts.length; k++) docLength += f.termCounts[k];
  const terms = new Set<number>();
  forEachTerm(f.path.replace(/[/.\-]/g, ' '), (t) => terms.add(hashTerm(t)));
  const fileNameTerms: number[] = [];
  forEachTerm(f.path.slice(f.path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, ''), (t) => fileNameTerms.push(hashTerm(t)));
  d = {
    docLength,
    pathTerms: Uint32Array.from(terms),
    fileNameTerms: Uint32Array.from(fileNameTerms),
    baseName: f.path.slice(f.path.lastIndexOf('/') + 1).toLowerCase(),
    nameHashes: Uint32Array.from(f.symbols.names, (name) => hashTerm(name.toLowerCase())),
    nameTerms: nameTermsOf(f.symbols.names),
    prior: filePrior(f),
  };
  derived.set(f, d);
  return d;
}

/**
 * `keys` without `removed` (a sorted sub-multiset of it) and with `added` merged in, in one pass:
 * a one-file update touches a few keys of about a million.
 */
export function replaceSortedKeys(keys: Float64Array, removed: Float64Array, added: Float64Array): Float64Array {
  const out = new Float64Array(keys.length + added.length);
  let r = 0;
  let a = 0;
  let o = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    while (r < removed.length && removed[r] < key) r++; // not present: nothing to remove
    if (r < removed.length && removed[r] === key) {
      r++;
      continue;
    }
    while (a < added.length && added[a] < key) out[o++] = added[a++];
    out[o++] = key;
  }
  while (a < added.length) out[o++] = added[a++];
  return out.subarray(0, o);
}

function nameTermsOf(names: string[]): Uint32Array {
  const set = new Set<number>();
  for (const name of names) forEachTerm(name, (t) => set.add(hashTerm(t)));
  return Uint32Array.from(set).sort();
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
