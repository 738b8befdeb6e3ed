/** Types shared by the code index and retrieval. Lines are 1-based and inclusive. */

export const symbolKinds = [
  'class',
  'interface',
  'struct',
  'enum',
  'trait',
  'impl',
  'type',
  'module',
  'function',
  'method',
  'macro',
  'property',
  'selector',
  'section',
] as const;
export type SymbolKind = (typeof symbolKinds)[number];

/** A definition as the index hands it out. */
export interface SymbolInfo {
  name: string;
  kind: SymbolKind;
  /** Enclosing definition's name (class of a method, type of a Go method or Rust impl), if any. */
  container?: string;
  startLine: number;
  endLine: number;
  /** The definition's header on one line: its text up to the body, whitespace collapsed. */
  signature: string;
}

/**
 * Definitions of one file, stored by column so 70k files stay small:
 * `lines` holds 4 numbers per symbol (startLine, endLine, and the first and last line a skeleton
 * elides, 0 = none), `parents` the index of the enclosing symbol or -1, `containers` the owner's
 * name ('' = none), `signatures` the signatures joined by '\n'.
 */
export interface SymbolTable {
  names: string[];
  kinds: Uint8Array;
  lines: Uint32Array;
  parents: Int32Array;
  containers: string[];
  signatures: string;
}

/** Why a file is in the index without symbols or terms. */
export type SkipReason = 'tooLarge' | 'binary' | 'minified' | 'generated';

/** What the index keeps per file. */
export interface FileRecord {
  /** Workspace-relative, `/` separators. */
  path: string;
  size: number;
  mtimeMs: number;
  /** Hex prefix of the SHA-1 of the bytes ('' for files skipped before reading). */
  hash: string;
  /** Language id when parsed; undefined for text indexed without a grammar, and for skipped files. */
  language?: string;
  skipped?: SkipReason;
  /** The parse tree had error nodes (the symbols are still extracted). */
  parseErrors?: boolean;
  /** Some bytes were not valid UTF-8 and were replaced. */
  lossyText?: boolean;
  lineCount: number;
  symbols: SymbolTable;
  /** Sorted unique 32-bit hashes of the names the file references (calls, types, imports). */
  refs: Uint32Array;
  /** Sorted unique 32-bit hashes of the file's text terms, and their counts (saturated at 255). */
  terms: Uint32Array;
  termCounts: Uint8Array;
}

/** Progress of a build or refresh. */
export interface IndexProgress {
  phase: 'scanning' | 'indexing' | 'saving' | 'done';
  filesDone: number;
  filesTotal: number;
}

export interface IndexStats {
  files: number;
  parsedFiles: number;
  skippedFiles: number;
  symbols: number;
  bytes: number;
  /** Files whose record was reused from memory or the on-disk cache. */
  reusedFiles: number;
  /** Files read again whose bytes had not changed (a new mtime only): not parsed. */
  rehashedFiles: number;
  /** Files read and analysed in this run. */
  analyzedFiles: number;
  milliseconds: number;
}

export function emptySymbolTable(): SymbolTable {
  return {
    names: [],
    kinds: new Uint8Array(0),
    lines: new Uint32Array(0),
    parents: new Int32Array(0),
    containers: [],
    signatures: '',
  };
}
