import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TestFramework } from '../../run/testFrameworks';
import { ignoredFolders } from '../../workspace';

const testNamePatterns: Record<TestFramework['language'], RegExp> = {
  javascript: /(\.(test|spec)\.[cm]?[jt]sx?$)|(^|\/)(test|tests|__tests__)\/.*\.[cm]?[jt]sx?$/,
  python: /(^|\/)(test_[^/]*|[^/]*_test)\.py$/,
  go: /_test\.go$/,
  rust: /(^|\/)tests\/[^/]+\.rs$/,
  java: /(^|\/)src\/test\/.*Test\.(java|kt)$/,
};

/** Whether a workspace-relative path looks like a test file of the framework's language. */
export function isTestFile(language: TestFramework['language'], relative: string): boolean {
  return testNamePatterns[language].test(relative);
}

/**
 * An existing test file of the project to show the model as the style to follow: the one
 * nearest to the target (same folder first, then sharing the longest path prefix), smallest on ties.
 */
export async function findExampleTest(root: string, fw: TestFramework, target: string, maxFiles = 20_000): Promise<string | undefined> {
  const found: string[] = [];
  const start = path.relative(root, fw.root).split(path.sep).join('/');
  const queue = [start === '' ? '' : start];
  let seen = 0;
  while (queue.length && seen < maxFiles) {
    const dir = queue.shift()!;
    const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      seen++;
      if (e.isDirectory() && !ignoredFolders.has(e.name) && !e.name.startsWith('.')) queue.push(rel);
      else if (e.isFile() && rel !== target && isTestFile(fw.language, rel)) found.push(rel);
    }
  }
  const shared = (a: string, b: string) => {
    const x = a.split('/');
    const y = b.split('/');
    let i = 0;
    while (i < x.length - 1 && i < y.length - 1 && x[i] === y[i]) i++;
    return i;
  };
  found.sort((a, b) => shared(b, target) - shared(a, target) || a.length - b.length || a.localeCompare(b));
  return found[0];
}

/**
 * Where a new test file for `target` goes, following the project's layout: next to the example
 * test's folder when there is one, else beside the target. Never an existing file: a suffix is
 * added until the name is free.
 */
export async function newTestPath(root: string, fw: TestFramework, target: string, example?: string): Promise<string> {
  const ext = path.posix.extname(target);
  const base = path.posix.basename(target, ext);
  const dir = example ? path.posix.dirname(example) : path.posix.dirname(target);
  const name = (suffix: string) => {
    switch (fw.language) {
      case 'python':
        return `test_${base}${suffix}.py`;
      case 'go':
        return `${base}${suffix}_test.go`;
      case 'rust':
        return `${base}${suffix}.rs`;
      case 'java':
        return `${base}${suffix}Test${ext}`;
      default: {
        const style = example && /\.spec\./.test(example) ? 'spec' : 'test';
        return `${base}${suffix}.${style}${ext}`;
      }
    }
  };
  const placeIn = fw.language === 'go' ? path.posix.dirname(target) : fw.language === 'rust' ? 'tests' : dir;
  for (const suffix of ['', '_generated', '_generated2', '_generated3']) {
    const candidate = placeIn === '.' ? name(suffix) : `${placeIn}/${name(suffix)}`;
    if (!(await fs.stat(path.join(root, candidate)).then(() => true, () => false))) return candidate;
  }
  return `${placeIn}/${name(`_${Date.now().toString(36)}`)}`;
}

/** How the test file refers to the target: a relative require path, or a Python module path. */
export function importHint(fw: TestFramework, root: string, testFile: string, target: string): string {
  if (fw.language === 'javascript') {
    let rel = path.posix.relative(path.posix.dirname(testFile), target).replace(/\.[cm]?[jt]sx?$/, '');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `import it from "${rel}" (relative to the test file)`;
  }
  if (fw.language === 'python') {
    const fromRoot = path.relative(fw.root, path.join(root, target)).split(path.sep).join('/');
    return `import it as the module "${fromRoot.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.')}" (tests run from ${path.relative(root, fw.root) || 'the workspace root'})`;
  }
  return 'put the test where the project keeps tests of this code (same package for Go)';
}
