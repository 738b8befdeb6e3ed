import { symbolKinds, type FileRecord, type SymbolInfo, type SymbolKind, type SymbolTable } from './codeTypes';

/** Reads the column-stored symbols of a record back as objects. */

export function symbolCount(table: SymbolTable): number {
  return table.names.length;
}

export function symbolAt(table: SymbolTable, i: number, signatures?: string[]): SymbolInfo {
  const container = table.containers[i];
  return {
    name: table.names[i],
    kind: symbolKinds[table.kinds[i]],
    ...(container ? { container } : {}),
    startLine: table.lines[i * 4],
    endLine: table.lines[i * 4 + 1],
    signature: (signatures ?? table.signatures.split('\n'))[i] ?? '',
  };
}

export function symbolsOf(record: FileRecord): SymbolInfo[] {
  const t = record.symbols;
  const signatures = t.signatures.split('\n');
  return t.names.map((_, i) => symbolAt(t, i, signatures));
}

export function kindOf(table: SymbolTable, i: number): SymbolKind {
  return symbolKinds[table.kinds[i]];
}

/** The innermost symbol whose lines contain `line`, or -1. */
export function innermostSymbolAt(table: SymbolTable, line: number): number {
  let best = -1;
  for (let i = 0; i < table.names.length; i++) {
    const start = table.lines[i * 4];
    const end = table.lines[i * 4 + 1];
    if (start <= line && line <= end && (best < 0 || start >= table.lines[best * 4])) best = i;
  }
  return best;
}

export interface SymbolMatch {
  path: string;
  symbol: SymbolInfo;
}

export interface FindSymbolOptions {
  kind?: SymbolKind;
  /** Match names case-insensitively (default false). */
  ignoreCase?: boolean;
  /** Also match names that contain the query (default false: whole names only). */
  substring?: boolean;
  limit?: number;
}

/**
 * Definitions named `query` across the records. A query `Owner.name` (or `Owner::name`)
 * matches `name` in a container named Owner.
 */
export function findSymbols(records: Iterable<FileRecord>, query: string, options: FindSymbolOptions = {}): SymbolMatch[] {
  const limit = options.limit ?? 50;
  const parts = query.split(/::|\.|#/).filter(Boolean);
  const wanted = norm(parts[parts.length - 1] ?? '', options.ignoreCase);
  const owner = parts.length > 1 ? norm(parts[parts.length - 2], options.ignoreCase) : undefined;
  const out: SymbolMatch[] = [];
  if (!wanted) return out;
  for (const r of records) {
    const t = r.symbols;
    for (let i = 0; i < t.names.length; i++) {
      const name = norm(t.names[i], options.ignoreCase);
      if (options.substring ? !name.includes(wanted) : name !== wanted) continue;
      if (options.kind && kindOf(t, i) !== options.kind) continue;
      if (owner !== undefined && norm(t.containers[i], options.ignoreCase) !== owner) continue;
      out.push({ path: r.path, symbol: symbolAt(t, i) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function norm(s: string, ignoreCase: boolean | undefined): string {
  return ignoreCase ? s.toLowerCase() : s;
}
