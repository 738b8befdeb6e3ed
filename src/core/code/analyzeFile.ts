import { createHash } from 'node:crypto';
import type { RegularFileOptions } from '../regularFile';
import { emptySymbolTable, type FileRecord, type SkipReason } from './codeTypes';
import { extractSymbols } from './extractSymbols';
import { classifyFile } from './fileClassifier';
import { languageForPath } from './languages';
import { nameHashes, termVector } from './textTerms';
import type { TreeSitterLoader } from './treeSitterLoader';

/** One file to analyse; `knownHash` lets an unchanged file (same bytes, new mtime) skip the parse. */
export interface AnalyzeRequest {
  path: string;
  size: number;
  mtimeMs: number;
  knownHash?: string;
}

/**
 * How the index reads a file it analyses: a regular file only (a FIFO swapped in after the walk is
 * refused, not waited on), and not past 1 MiB more than the walk saw (a file growing meanwhile is
 * dropped until the next refresh rather than read whole).
 */
export function analyzeReadOptions(req: AnalyzeRequest): RegularFileOptions {
  return { maxBytes: req.size + (1 << 20), display: req.path };
}

export type AnalyzeOutcome = { record: FileRecord } | { unchanged: true; hash: string };

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex').slice(0, 16);
}

export function skippedRecord(req: AnalyzeRequest, skip: SkipReason, hash = ''): FileRecord {
  return {
    path: req.path,
    size: req.size,
    mtimeMs: req.mtimeMs,
    hash,
    skipped: skip,
    lineCount: 0,
    symbols: emptySymbolTable(),
    refs: new Uint32Array(0),
    terms: new Uint32Array(0),
    termCounts: new Uint8Array(0),
  };
}

/** Classifies, decodes, parses and extracts one file's record from its bytes. */
export async function analyzeBytes(req: AnalyzeRequest, bytes: Uint8Array, loader: TreeSitterLoader): Promise<AnalyzeOutcome> {
  const hash = contentHash(bytes);
  if (req.knownHash === hash) return { unchanged: true, hash };
  const classified = classifyFile(req.path, bytes);
  if ('skip' in classified) return { record: skippedRecord(req, classified.skip, hash) };
  const { text, lossy } = classified;
  const terms = termVector(text);
  const record: FileRecord = {
    ...skippedRecord(req, 'binary', hash),
    skipped: undefined,
    lossyText: lossy || undefined,
    lineCount: countLines(text),
    terms: terms.hashes,
    termCounts: terms.counts,
  };
  const spec = languageForPath(req.path);
  if (!spec) return { record };
  const [parser, lang] = await Promise.all([loader.parser(), loader.language(spec.id)]);
  parser.setLanguage(lang.language);
  const tree = parser.parse(text);
  if (!tree) return { record: { ...record, parseErrors: true } };
  try {
    const { symbols, references } = extractSymbols(tree, text, lang);
    return {
      record: {
        ...record,
        language: spec.id,
        parseErrors: tree.rootNode.hasError || undefined,
        symbols,
        refs: nameHashes(references),
      },
    };
  } finally {
    tree.delete();
  }
}

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
