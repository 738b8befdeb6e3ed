// Mutation scores of real test suites, no model: Exercism's JavaScript and Python practice
// exercises (reference solution + the track's test suite), each solution mutated and the suite
// run against every mutant with the project's own framework (jest via babel, pytest). Reports
// the kill rate and the time per mutant, next to the time of one unmutated run of the same suite
// (the baseline: what a mutant costs beyond an ordinary test run).
//
// Repositories: git directories of exercism/javascript and exercism/python under
// ATOMIC_BENCH_REPOS_DIR (default ../.mirror, owner+name/repo, as the fetch tool stores them), only
// read. The JavaScript track needs jest and babel: installed once from the npm registry into the
// work folder (ATOMIC_BENCH_WORK, default $TMPDIR/atomic-bench-mutation). ATOMIC_BENCH_LIMIT=N
// exercises per track (default 20), ATOMIC_BENCH_MUTANTS=N mutants per exercise (default 15),
// ATOMIC_BENCH_ONLY=javascript|python one track.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeAssetDirs } from '../src/cli/codeAssets';
import { grammarLocator } from '../src/core/code/grammarLocator';
import { TreeSitterLoader } from '../src/core/code/treeSitterLoader';
import { MutationJournal } from '../src/core/mutate/mutationJournal';
import { mutationTest } from '../src/core/mutate/mutationTesting';
import type { MutationReport } from '../src/core/mutate/mutantTypes';
import { bubblewrap } from '../src/core/run/sandbox';

const repoRoot = path.resolve(__dirname, '..', '..');
const reposDir = process.env.ATOMIC_BENCH_REPOS_DIR ?? path.resolve(repoRoot, '..', '.mirror');
const work = process.env.ATOMIC_BENCH_WORK ?? path.join(os.tmpdir(), 'atomic-bench-mutation');
const perTrack = Number(process.env.ATOMIC_BENCH_LIMIT ?? 20);
const mutantsPerExercise = Number(process.env.ATOMIC_BENCH_MUTANTS ?? 15);
const only = process.env.ATOMIC_BENCH_ONLY;

interface Exercise {
  slug: string;
  dir: string;
  target: string;
  tests: string;
}

interface Track {
  name: string;
  repo: string;
  /** Writes one exercise (solution in place of the stub, all tests enabled) under `into`; undefined when it has not the usual files. */
  prepare(git: string, slug: string, into: string): Exercise | undefined;
  setUp?(root: string): void;
}

const gitShow = (git: string, spec: string) => {
  try {
    return execFileSync('git', ['--git-dir', git, 'show', `HEAD:${spec}`], { maxBuffer: 1 << 26 }).toString();
  } catch {
    return undefined;
  }
};

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

const tracks: Track[] = [
  {
    name: 'javascript',
    repo: 'exercism+javascript',
    setUp(root) {
      if (fs.existsSync(path.join(root, 'node_modules', 'jest'))) return;
      write(path.join(root, 'package.json'), JSON.stringify({ private: true, devDependencies: { jest: '^30.2.0', 'babel-jest': '^30.3.0', '@jest/globals': '^30.3.0', '@exercism/babel-preset-javascript': '^0.5.1', 'core-js': '~3.46.0' } }));
      console.log(`Installing jest and babel from the npm registry into ${root} (once)…`);
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent'], { cwd: root, stdio: 'inherit' });
    },
    prepare(git, slug, into) {
      const base = `exercises/practice/${slug}`;
      const proof = gitShow(git, `${base}/.meta/proof.ci.js`);
      const spec = gitShow(git, `${base}/${slug}.spec.js`);
      const pkg = gitShow(git, `${base}/package.json`);
      const babel = gitShow(git, `${base}/babel.config.js`);
      if (!proof || !spec || !pkg || !babel) return undefined;
      const dir = path.join(into, slug);
      write(path.join(dir, `${slug}.js`), proof);
      write(path.join(dir, `${slug}.spec.js`), spec.replace(/\bx(test|it)\(/g, '$1('));
      write(path.join(dir, 'package.json'), pkg);
      write(path.join(dir, 'babel.config.js'), babel);
      return { slug, dir, target: `${slug}.js`, tests: `${slug}.spec.js` };
    },
  },
  {
    name: 'python',
    repo: 'exercism+python',
    prepare(git, slug, into) {
      const base = `exercises/practice/${slug}`;
      const module = slug.replace(/-/g, '_');
      const example = gitShow(git, `${base}/.meta/example.py`);
      const tests = gitShow(git, `${base}/${module}_test.py`);
      if (!example || !tests) return undefined;
      const dir = path.join(into, slug);
      write(path.join(dir, `${module}.py`), example);
      write(path.join(dir, `${module}_test.py`), tests);
      write(path.join(dir, 'pytest.ini'), '[pytest]\n');
      return { slug, dir, target: `${module}.py`, tests: `${module}_test.py` };
    },
  },
];

function gitDir(name: string): string | undefined {
  for (const sub of ['repo', '.git', '']) {
    const dir = path.join(reposDir, name, sub);
    if (fs.existsSync(path.join(dir, 'HEAD'))) return dir;
  }
  return undefined;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const loader = new TreeSitterLoader(grammarLocator(codeAssetDirs()));
  const journal = new MutationJournal(path.join(work, 'journal'));
  await journal.recover();
  const sandboxed = Boolean(await bubblewrap());
  console.log(`Mutants per exercise ≤ ${mutantsPerExercise}, exercises per track ≤ ${perTrack}, sandbox: ${sandboxed ? 'bubblewrap' : 'none'}`);
  const rows: string[] = [];
  const summary: string[] = [];
  for (const track of tracks.filter((t) => !only || t.name === only)) {
    const git = gitDir(track.repo);
    if (!git) {
      console.log(`${track.name}: no ${track.repo} under ${reposDir}; skipped (fetch github:${track.repo.replace('+', '/')}).`);
      continue;
    }
    const root = path.join(work, track.name);
    fs.mkdirSync(root, { recursive: true });
    track.setUp?.(root);
    const slugs = execFileSync('git', ['--git-dir', git, 'ls-tree', '--name-only', 'HEAD', 'exercises/practice/']).toString().trim().split('\n').map((p) => path.basename(p)).sort();
    const reports: Array<{ ex: Exercise; report: MutationReport; wallMs: number }> = [];
    let failedBaseline = 0;
    for (const slug of slugs) {
      if (reports.length >= perTrack) break;
      const ex = track.prepare(git, slug, root);
      if (!ex) continue;
      const started = Date.now();
      try {
        const report = await mutationTest({ root: ex.dir, target: ex.target, testFile: ex.tests, maxMutants: mutantsPerExercise, loader, journal, sandbox: true, timeoutMs: 120_000 });
        reports.push({ ex, report, wallMs: Date.now() - started });
        const perMutant = report.mutants.reduce((s, m) => s + m.durationMs, 0) / Math.max(1, report.total);
        rows.push(`| ${track.name} | ${slug} | ${report.generated} | ${report.total} | ${report.killed} | ${report.survived} | ${report.timedOut} | ${pct(report.score)} | ${report.baselineMs} | ${perMutant.toFixed(0)} |`);
      } catch (err) {
        failedBaseline++;
        console.log(`${track.name}/${slug}: skipped: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    const total = reports.reduce((s, r) => s + r.report.total, 0);
    const killed = reports.reduce((s, r) => s + r.report.killed, 0);
    const timedOut = reports.reduce((s, r) => s + r.report.timedOut, 0);
    const mutantMs = reports.reduce((s, r) => s + r.report.mutants.reduce((a, m) => a + m.durationMs, 0), 0);
    const baselineMs = reports.reduce((s, r) => s + r.report.baselineMs, 0);
    summary.push(
      `| ${track.name} | ${reports.length} | ${failedBaseline} | ${total} | ${killed} | ${total - killed} | ${timedOut} | ${pct(killed / Math.max(1, total))} | ${(baselineMs / Math.max(1, reports.length)).toFixed(0)} | ${(mutantMs / Math.max(1, total)).toFixed(0)} | ${(mutantMs / Math.max(1, total) / (baselineMs / Math.max(1, reports.length))).toFixed(2)}× |`,
    );
  }
  loader.dispose();
  console.log('\n| Track | Exercise | Generated | Mutants | Killed | Survived | Timed out | Kill rate | Baseline run ms | ms per mutant |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log('\n| Track | Exercises | Skipped (tests fail unmutated) | Mutants | Killed | Survived | Timed out | Kill rate | Baseline run ms (mean) | ms per mutant (mean) | Mutant ÷ baseline |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of summary) console.log(s);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
