import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../errors';

/** Resolves an asset name ('tree-sitter.wasm', 'tree-sitter-go.wasm', 'queries/go.scm') to a file path. */
export type AssetLocator = (name: string) => string;

/**
 * Looks assets up in the given folders, first hit wins. The extension passes its install
 * folder's dist/, the CLI the folder of dist/cli.js, tests the node_modules folders and
 * src/core/code (for queries/). Query files are also found directly in a folder (`go.scm`).
 */
export function grammarLocator(dirs: readonly string[]): AssetLocator {
  const cache = new Map<string, string>();
  return (name) => {
    const hit = cache.get(name);
    if (hit) return hit;
    const candidates = dirs.flatMap((dir) => [path.join(dir, name), path.join(dir, path.basename(name))]);
    const found = candidates.find((file) => fs.existsSync(file));
    if (!found) {
      throw new AtomicError('configuration', `Code index asset "${name}" not found.`, `Looked in: ${dirs.join(', ')}`);
    }
    cache.set(name, found);
    return found;
  };
}
