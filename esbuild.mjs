// Bundles the extension and the CLI (vscode stays external), or with --tests compiles
// everything (src, test, bench) with tsc into out/ for plain-Node test runs.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const require = createRequire(import.meta.url);

// .wasm files the bundle loads at run time, copied next to it (none yet: tree-sitter arrives with the index).
const wasmAssets = [];

if (args.has('--tests')) {
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
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
};
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

function copyWasm() {
  mkdirSync('dist', { recursive: true });
  for (const spec of wasmAssets) {
    const from = require.resolve(spec);
    const to = join('dist', spec.split('/').pop());
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
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
