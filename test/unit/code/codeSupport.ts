// Shared setup for the code-index tests: asset folders, fixture projects, throwaway indexes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeAssetDirs } from '../../../src/cli/codeAssets';
import { CodeIndex, type CodeIndexOptions } from '../../../src/core/code/codeIndex';
import type { FileRecord, SymbolInfo } from '../../../src/core/code/codeTypes';
import { symbolsOf } from '../../../src/core/code/symbolTable';
import { findHash, hashTerm } from '../../../src/core/code/textTerms';
import { fixturesDir } from '../helpers/paths';

export const assetDirs = codeAssetDirs();
export const codeFixtures = path.join(fixturesDir, 'code');

export function fixtureRoot(name: string): string {
  return path.join(codeFixtures, name);
}

const opened: CodeIndex[] = [];

/** An index of `root` (in-process parsing unless options say otherwise), closed by `closeIndexes`. */
export function openIndex(root: string, options: Partial<CodeIndexOptions> = {}): CodeIndex {
  const index = CodeIndex.open({ root, assetDirs, workers: 0, ...options });
  opened.push(index);
  return index;
}

export async function closeIndexes(): Promise<void> {
  await Promise.all(opened.splice(0).map((i) => i.dispose()));
}

/** A refreshed index of a fixture project. */
export async function indexFixture(name: string, options: Partial<CodeIndexOptions> = {}): Promise<CodeIndex> {
  const index = openIndex(fixtureRoot(name), options);
  await index.refresh();
  return index;
}

export function record(index: CodeIndex, relPath: string): FileRecord {
  const r = index.file(relPath);
  if (!r) throw new Error(`${relPath} is not indexed; have: ${[...index.files()].map((f) => f.path).join(', ')}`);
  return r;
}

/** `kind name@start-end` (with `Owner.` for contained symbols), compact to assert on. */
export function outline(index: CodeIndex, relPath: string): string[] {
  return symbolsOf(record(index, relPath)).map(describeSymbol);
}

export function describeSymbol(s: SymbolInfo): string {
  return `${s.kind} ${s.container ? `${s.container}.` : ''}${s.name}@${s.startLine}-${s.endLine}`;
}

export function symbol(index: CodeIndex, relPath: string, name: string): SymbolInfo {
  const found = symbolsOf(record(index, relPath)).find((s) => s.name === name);
  if (!found) throw new Error(`no symbol ${name} in ${relPath}`);
  return found;
}

/** Writes files (folders created) under a root; Buffers are written as bytes. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** Whether the file's references (from the .scm queries) include a name. */
export function references(index: CodeIndex, relPath: string, name: string): boolean {
  return findHash(record(index, relPath).refs, hashTerm(name.toLowerCase())) >= 0;
}
