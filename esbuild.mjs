// Bundles the extension and the CLI (vscode stays external), or with --tests compiles
// everything (src, test, bench) with tsc into out/ for plain-Node test runs.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const require = createRequire(import.meta.url);

// .wasm files the bundle loads at run time, copied next to it: web-tree-sitter's runtime and every
// grammar the code index uses (src/core/code/languages.ts), plus its queries (dist/queries/*.scm).
const grammars = ['bash', 'c-sharp', 'cpp', 'css', 'go', 'ini', 'java', 'javascript', 'php', 'powershell', 'python', 'ruby', 'rust', 'tsx', 'typescript'];
const wasmAssets = [
  'web-tree-sitter/tree-sitter.wasm',
  ...grammars.map((g) => `@vscode/tree-sitter-wasm/wasm/tree-sitter-${g}.wasm`),
  'tree-sitter-c/tree-sitter-c.wasm',
];
const queryDir = 'src/core/code/queries';

if (args.has('--tests')) {
  // From empty: a test file deleted from test/ must not keep running from a stale out/.
  rmSync('out', { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "."], { stdio: "inherit" });
  } catch {
    process.exit(1);
  }
  process.exit(0);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
};
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/core/code/extractWorker.ts'], outfile: 'dist/extractWorker.js' },
];

function copyWasm() {
  mkdirSync('dist', { recursive: true });
  for (const spec of wasmAssets) {
    const from = require.resolve(spec);
    const to = join('dist', spec.split('/').pop());
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  mkdirSync('dist/queries', { recursive: true });
  for (const file of readdirSync(queryDir).filter((f) => f.endsWith('.scm'))) copyFileSync(join(queryDir, file), join('dist/queries', file));
}

if (args.has('--watch')) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  copyWasm();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyWasm();
  chmodSync('dist/cli.js', 0o755);
}
