// No import circle anywhere in src/ (type-only imports included): a circle means two files are one
// concept split in two, or a low layer reaching up into a higher one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';
import { importedModules, sourceFiles } from '../helpers/sourceFiles';

const src = path.join(repoRoot, 'src');

/** The src files a file imports or re-exports from (relative specifiers that name a file of src/). */
function importsOf(file: string): string[] {
  return importedModules(fs.readFileSync(file, 'utf8')).filter((spec) => spec.startsWith('.')).flatMap((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    return found ? [found] : [];
  });
}

/** Every cycle's files, found by depth-first search over the import graph. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') found.push(stack.slice(stack.indexOf(g)).map((x) => path.relative(repoRoot, x)));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

describe('src/ import graph', () => {
  it('reads imports, re-exports and side-effect imports (the check can see a cycle)', () => {
    const cli = importsOf(path.join(src, 'cli.ts')).map((f) => path.relative(src, f));
    assert.ok(cli.includes(path.join('cli', 'nodeVersionGuard.ts')), 'side-effect import');
    assert.ok(cli.includes(path.join('cli', 'cliCommands.ts')), 'named import');
    const editIndex = importsOf(path.join(src, 'core', 'skills', 'edit', 'index.ts')).map((f) => path.relative(src, f));
    assert.ok(editIndex.includes(path.join('core', 'skills', 'edit', 'summarizeEdit.ts')), 're-export (the file only re-exports)');
  });

  it('has no cycle', () => {
    assert.deepEqual(cycles(sourceFiles('src').map((f) => path.join(repoRoot, f.rel))).map((c) => c.join(' → ')), []);
  });
});
