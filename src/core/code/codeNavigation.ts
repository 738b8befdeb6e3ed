import { throwIfAborted } from '../errors';
import { readRegularFile } from '../regularFile';
import { analyzeReadOptions } from './analyzeFile';
import type { CodeIndex } from './codeIndex';
import type { FileRecord, SymbolInfo } from './codeTypes';
import { statOrUndefined } from './fileWalker';
import { renderSkeleton, type SkeletonOptions } from './skeleton';
import { findSymbols, symbolsOf, type FindSymbolOptions, type SymbolMatch } from './symbolTable';
import { findHash, hashTerm } from './textTerms';
import { TimeSlicer } from './timeSlicer';

/**
 * Read-only navigation over an index, the operations a localization model's tools need:
 * find a symbol, list a file's symbols, a file's skeleton, search text. Stale files (changed
 * on disk since indexing) are re-indexed before their symbols or skeleton are returned.
 */

export function findSymbol(index: CodeIndex, query: string, options?: FindSymbolOptions): SymbolMatch[] {
  return findSymbols(index.files(), query, options);
}

async function fresh(index: CodeIndex, relPath: string): Promise<FileRecord | undefined> {
  const record = index.file(relPath);
  const real = index.resolve(relPath);
  const stat = real === undefined ? undefined : statOrUndefined(real);
  if (!record || !stat || stat.size !== record.size || stat.mtimeMs !== record.mtimeMs) {
    await index.updateFiles([relPath]);
    return index.file(relPath);
  }
  return record;
}

export async function fileSymbols(index: CodeIndex, relPath: string): Promise<SymbolInfo[] | undefined> {
  const record = await fresh(index, relPath);
  return record ? symbolsOf(record) : undefined;
}

/** The file's skeleton, or undefined when the file is not in the index (ignored, deleted, skipped). */
export async function fileSkeleton(index: CodeIndex, relPath: string, options?: SkeletonOptions): Promise<string | undefined> {
  const record = await fresh(index, relPath);
  if (!record || record.skipped) return undefined;
  const real = index.resolve(relPath);
  if (real === undefined) return undefined;
  const text = await readIndexed(real, record);
  return renderSkeleton(text, record.symbols, options);
}

/** An indexed file's text, read as the index reads it (regular files only, not far past the indexed size). */
async function readIndexed(real: string, record: FileRecord): Promise<string> {
  return (await readRegularFile(real, analyzeReadOptions(record))).toString('utf8');
}

export interface TextMatch {
  path: string;
  line: number;
  text: string;
}

export interface SearchTextOptions {
  /** Treat the query as a regular expression (default: literal text). */
  regex?: boolean;
  ignoreCase?: boolean;
  /** Only files under this root-relative folder. */
  folder?: string;
  maxMatches?: number;
  signal?: AbortSignal;
}

/**
 * Lines of indexed files that contain the text. A literal query skips files whose term set
 * lacks a whole word of the query, so most files are never read.
 */
export async function searchText(index: CodeIndex, query: string, options: SearchTextOptions = {}): Promise<TextMatch[]> {
  const max = options.maxMatches ?? 100;
  const flags = options.ignoreCase ? 'i' : '';
  const pattern = options.regex ? new RegExp(query, flags) : new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  const required = options.regex ? [] : innerWords(query).map((w) => hashTerm(w.toLowerCase()));
  const prefix = options.folder ? `${options.folder.replace(/\/+$/, '')}/` : '';
  const slicer = new TimeSlicer(options.signal);
  const out: TextMatch[] = [];
  const candidates = [...index.files()].filter(
    (r) => !r.skipped && r.path.startsWith(prefix) && required.every((h) => findHash(r.terms, h) >= 0),
  );
  candidates.sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const r of candidates) {
    throwIfAborted(options.signal);
    const real = index.resolve(r.path);
    if (real === undefined) continue;
    let text: string;
    try {
      text = await readIndexed(real, r);
    } catch {
      continue;
    }
    if (!pattern.test(text)) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!pattern.test(lines[i])) continue;
      out.push({ path: r.path, line: i + 1, text: lines[i].length > 300 ? `${lines[i].slice(0, 300)}…` : lines[i] });
      if (out.length >= max) return out;
    }
    await slicer.tick();
  }
  return out;
}

/** Words of a literal query that are whole identifiers wherever the query occurs (not cut at its ends). */
export function innerWords(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (start > 0 && !/[0-9]/.test(query[start - 1]) && end < query.length && m[0].length >= 2 && m[0].length <= 64) out.push(m[0]);
  }
  return out;
}
