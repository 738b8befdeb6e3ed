import type { Tree } from 'web-tree-sitter';
import { extractSymbols } from '../code/extractSymbols';
import { languageForPath } from '../code/languages';
import { symbolAt, symbolCount } from '../code/symbolTable';
import type { TreeSitterLoader } from '../code/treeSitterLoader';
import { AtomicError } from '../errors';

export interface ParsedTarget {
  language: string;
  tree: Tree;
  /** The symbol's text range, or undefined for the whole file. */
  range?: { start: number; end: number };
  /** Errors tree-sitter finds in the unmutated file (a mutant must not add any). */
  errorCount: number;
  dispose(): void;
}

function lineStart(text: string, line: number): number {
  let index = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', index);
    if (next < 0) return text.length;
    index = next + 1;
  }
  return index;
}

/** Counts ERROR and MISSING nodes of a tree. */
export function errorCount(tree: Tree): number {
  let count = 0;
  const visit = (node: Tree['rootNode']) => {
    if (node.isError || node.isMissing) count++;
    if (!node.hasError && !node.isMissing) return;
    for (let i = 0; i < node.childCount; i++) visit(node.child(i)!);
  };
  visit(tree.rootNode);
  return count;
}

/**
 * Parses the file to mutate and finds the symbol (`name` or `Container.name`) whose lines the
 * mutants are limited to; an unknown symbol is an error that lists the ones there are.
 */
export async function parseTarget(loader: TreeSitterLoader, file: string, text: string, symbol?: string): Promise<ParsedTarget & { parse(text: string): Promise<number> }> {
  const spec = languageForPath(file);
  if (!spec) throw new AtomicError('usage', `${file}: no grammar for this kind of file, so no mutants can be made.`);
  const [parser, lang] = await Promise.all([loader.parser(), loader.language(spec.id)]);
  parser.setLanguage(lang.language);
  const tree = parser.parse(text);
  if (!tree) throw new AtomicError('usage', `${file} could not be parsed.`);
  let range: ParsedTarget['range'];
  if (symbol) {
    const table = extractSymbols(tree, text, lang).symbols;
    const all = Array.from({ length: symbolCount(table) }, (_, i) => symbolAt(table, i));
    const wanted = symbol.split(/[.:#]+/).filter(Boolean);
    const name = wanted[wanted.length - 1];
    const container = wanted.length > 1 ? wanted[wanted.length - 2] : undefined;
    const match = all.find((s) => s.name === name && (!container || s.container === container));
    if (!match) {
      tree.delete();
      const known = all.filter((s) => ['function', 'method', 'class', 'struct', 'impl'].includes(s.kind)).map((s) => (s.container ? `${s.container}.${s.name}` : s.name));
      throw new AtomicError('usage', `${file} has no function, method or class named ${symbol}${known.length ? `; it has ${known.slice(0, 20).join(', ')}` : ''}.`);
    }
    range = { start: lineStart(text, match.startLine), end: lineStart(text, match.endLine + 1) };
  }
  return {
    language: spec.id,
    tree,
    range,
    errorCount: errorCount(tree),
    async parse(mutated: string) {
      const t = parser.parse(mutated);
      if (!t) return Number.POSITIVE_INFINITY;
      try {
        return errorCount(t);
      } finally {
        t.delete();
      }
    },
    dispose: () => tree.delete(),
  };
}

/**
 * The innermost function, method or class around a 1-based line (`Class.method` for methods),
 * for "tests for the code at the cursor"; undefined outside any.
 */
export async function symbolAtLine(loader: TreeSitterLoader, file: string, text: string, line: number): Promise<string | undefined> {
  const spec = languageForPath(file);
  if (!spec) return undefined;
  const [parser, lang] = await Promise.all([loader.parser(), loader.language(spec.id)]);
  parser.setLanguage(lang.language);
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    const table = extractSymbols(tree, text, lang).symbols;
    const around = Array.from({ length: symbolCount(table) }, (_, i) => symbolAt(table, i))
      .filter((s) => ['function', 'method', 'class', 'struct', 'impl'].includes(s.kind) && s.startLine <= line && line <= s.endLine)
      .sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine));
    const best = around[0];
    return best && (best.kind === 'method' && best.container ? `${best.container}.${best.name}` : best.name);
  } finally {
    tree.delete();
  }
}
