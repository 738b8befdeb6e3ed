import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where the code index finds tree-sitter.wasm, the grammars and queries/: next to the bundled
 * CLI (dist/), else, when running the tsc output (out/, tests, benchmarks), in node_modules and
 * src/core/code. web-tree-sitter's own runtime comes before @vscode/tree-sitter-wasm's copy.
 */
export function codeAssetDirs(from = __dirname): string[] {
  if (fs.existsSync(path.join(from, 'tree-sitter.wasm')) && fs.existsSync(path.join(from, 'queries'))) return [from];
  const dirs: string[] = [];
  const resolveDir = (spec: string, sub = '') => {
    try {
      dirs.push(path.join(path.dirname(require.resolve(spec)), sub));
    } catch {
      // not installed: the locator reports what is missing
    }
  };
  resolveDir('web-tree-sitter');
  resolveDir('@vscode/tree-sitter-wasm');
  resolveDir('tree-sitter-c/package.json');
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'core', 'code');
    if (fs.existsSync(path.join(candidate, 'queries'))) {
      dirs.push(candidate);
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  return dirs;
}

/** The CLI's cache folder: $ATOMIC_SKILLS_CACHE_DIR, else $XDG_CACHE_HOME/atomic-skills, else ~/.cache/atomic-skills. */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.ATOMIC_SKILLS_CACHE_DIR) return env.ATOMIC_SKILLS_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'atomic-skills');
}
