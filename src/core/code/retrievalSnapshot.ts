import type { CodeIndex } from './codeIndex';
import type { FileRecord } from './codeTypes';
import { forEachTerm, hashTerm } from './textTerms';

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
  readonly avgDocLength: number;
  readonly pathTerms: Uint32Array[];
  readonly pathDf = new Map<number, number>();
  readonly byBaseName = new Map<string, number[]>();
  readonly byModuleKey = new Map<string, number[]>();
  private readonly defKeys: Float64Array;

  private static readonly cache = new WeakMap<CodeIndex, { version: number; snapshot: RetrievalSnapshot }>();

  static of(index: CodeIndex): RetrievalSnapshot {
    const hit = RetrievalSnapshot.cache.get(index);
    if (hit && hit.version === index.version) return hit.snapshot;
    const snapshot = new RetrievalSnapshot([...index.files()].filter((f) => !f.skipped));
    RetrievalSnapshot.cache.set(index, { version: index.version, snapshot });
    return snapshot;
  }

  constructor(files: FileRecord[]) {
    this.files = files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.docLengths = new Float64Array(files.length);
    this.pathTerms = new Array<Uint32Array>(files.length);
    let total = 0;
    let defCount = 0;
    files.forEach((f, i) => {
      this.ordinal.set(f.path, i);
      let len = 0;
      for (let k = 0; k < f.termCounts.length; k++) len += f.termCounts[k];
      this.docLengths[i] = len;
      total += len;
      const terms = new Set<number>();
      forEachTerm(f.path.replace(/[/.\-]/g, ' '), (t) => terms.add(hashTerm(t)));
      this.pathTerms[i] = Uint32Array.from(terms);
      for (const t of terms) this.pathDf.set(t, (this.pathDf.get(t) ?? 0) + 1);
      const slash = f.path.lastIndexOf('/');
      push(this.byBaseName, f.path.slice(slash + 1).toLowerCase(), i);
      for (const key of moduleKeys(f.path)) push(this.byModuleKey, key, i);
      defCount += f.symbols.names.length;
    });
    this.avgDocLength = files.length ? total / files.length : 1;
    this.defKeys = new Float64Array(defCount);
    let n = 0;
    files.forEach((f, i) => {
      for (const name of f.symbols.names) this.defKeys[n++] = hashTerm(name.toLowerCase()) * fileBits + i;
    });
    this.defKeys.sort();
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

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Dotted keys a module reference may use for a file: `a/b/c.py` → `a.b.c`, `b.c`; a package's
 * `__init__`/`index`/`mod` file also stands for its folder (`a/b/__init__.py` → `a.b`).
 */
export function moduleKeys(path: string): string[] {
  const noExt = path.replace(/\.[^./]+$/, '');
  let parts = noExt.split('/');
  if (['__init__', 'index', 'mod', 'lib'].includes(parts[parts.length - 1]) && parts.length > 1) parts = parts.slice(0, -1);
  const keys: string[] = [];
  for (let i = 0; i + 2 <= parts.length; i++) keys.push(parts.slice(i).join('.'));
  return keys;
}
