// Retrieval-only localization quality: file-level Recall@1/5/10 on the SWE-bench localization
// dev set, each instance on its repository at base_commit, reported per repository.
//
// Repositories: git directories (bare mirrors or .git folders), found in ATOMIC_BENCH_REPOS_DIR
// (subfolders named owner+name, name, owner+name/repo …; default: ../.mirror next to the repo,
// where the fetch tool puts them) or listed in ATOMIC_BENCH_REPOS (comma-separated). The
// mirror is only read: one temporary work tree moves from commit to commit (writing the files
// that differ), so the code index updates incrementally, as in an editor.
// ATOMIC_BENCH_DEBIAN=1 also measures repositories without a mirror on the installed Debian
// package (a released version: file layout drift, marked as such). ATOMIC_BENCH_LIMIT=N caps
// instances per repository; ATOMIC_BENCH_ONLY=django,sympy picks repositories.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeAssetDirs } from '../src/cli/codeAssets';
import { CodeIndex } from '../src/core/code/codeIndex';
import { retrieveCandidates } from '../src/core/code/retrieve';
import { details, limit, only, readInstances, type EvalInstance } from './evalInstances';
import { MovingCheckout } from './movingCheckout';

type Instance = EvalInstance;

interface Row {
  repo: string;
  source: string;
  n: number;
  r1: number;
  r5: number;
  r10: number;
  ms: number;
}

const repoRoot = path.resolve(__dirname, '..', '..');

function git(gitDir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 28 }).toString();
}

function findMirrors(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of (process.env.ATOMIC_BENCH_REPOS ?? '').split(',').filter(Boolean)) found.set(path.basename(dir.replace(/\/(repo|\.git)\/?$/, '')), dir);
  const folder = process.env.ATOMIC_BENCH_REPOS_DIR ?? path.resolve(repoRoot, '..', '.mirror');
  if (!fs.existsSync(folder)) return found;
  for (const name of fs.readdirSync(folder)) {
    for (const sub of ['repo', '.git', '']) {
      const dir = path.join(folder, name, sub);
      if (fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'))) {
        found.set(name.replace(/\.git$/, ''), dir);
        break;
      }
    }
  }
  return found;
}

function mirrorFor(mirrors: Map<string, string>, repo: string): string | undefined {
  const [owner, name] = repo.split('/');
  return mirrors.get(`${owner}+${name}`) ?? mirrors.get(name) ?? mirrors.get(repo);
}


/** A Debian-installed Python package laid out like its repository (e.g. lib/matplotlib). */
function debianTree(instances: Instance[]): string | undefined {
  const site = ['/usr/lib/python3/dist-packages'];
  const gold = instances.flatMap((i) => i.gold_files).find((g) => g.endsWith('.py'));
  if (!gold) return undefined;
  const segs = gold.split('/');
  for (let i = 0; i < segs.length - 1; i++) {
    const installed = site.map((s) => path.join(s, segs[i])).find((d) => fs.existsSync(d) && fs.statSync(d).isDirectory());
    if (!installed) continue;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-recall-deb-'));
    const target = path.join(dir, ...segs.slice(0, i + 1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(installed, target, { recursive: true, dereference: true, filter: (src) => !src.includes('__pycache__') });
    return dir;
  }
  return undefined;
}

function recallAt(ranked: string[], gold: string[], k: number): number {
  const top = new Set(ranked.slice(0, k));
  return gold.filter((g) => top.has(g)).length / gold.length;
}

async function measure(repo: string, source: string, root: string, instances: Instance[], checkout?: MovingCheckout): Promise<Row> {
  const index = CodeIndex.open({ root, assetDirs: codeAssetDirs(), workers: Math.max(1, os.availableParallelism() - 0) });
  const row: Row = { repo, source, n: 0, r1: 0, r5: 0, r10: 0, ms: 0 };
  try {
    for (const inst of instances) {
      checkout?.moveTo(inst.base_commit);
      await index.refresh();
      const result = retrieveCandidates(index, inst.problem_statement, { top: details ? 60 : 10, explain: !!details });
      const ranked = result.files.map((f) => f.path);
      row.n++;
      row.r1 += recallAt(ranked, inst.gold_files, 1);
      row.r5 += recallAt(ranked, inst.gold_files, 5);
      row.r10 += recallAt(ranked, inst.gold_files, 10);
      row.ms += result.stats.milliseconds;
      if (details) {
        const candidates = result.files.map((f) => ({ path: f.path, score: f.score, reason: f.reason, evidence: f.evidence }));
        fs.appendFileSync(details, JSON.stringify({ id: inst.id, gold: inst.gold_files, candidates }) + '\n');
      }
    }
  } finally {
    await index.dispose();
  }
  return row;
}

async function main(): Promise<void> {
  const all = readInstances<Instance>();
  if (!all) return;
  const byRepo = new Map<string, Instance[]>();
  for (const inst of all) byRepo.set(inst.repo, [...(byRepo.get(inst.repo) ?? []), inst]);
  const mirrors = findMirrors();
  const rows: Row[] = [];
  const missing: string[] = [];
  for (const [repo, instances] of byRepo) {
    if (only.length && !only.some((o) => repo.includes(o))) continue;
    const chosen = instances.slice(0, limit);
    const gitDir = mirrorFor(mirrors, repo);
    if (gitDir) {
      const times = new Map(chosen.map((i) => [i.base_commit, Number(git(gitDir, ['show', '-s', '--format=%ct', i.base_commit]).trim())]));
      chosen.sort((a, b) => times.get(a.base_commit)! - times.get(b.base_commit)!);
      const checkout = new MovingCheckout(gitDir);
      try {
        rows.push(await measure(repo, 'git @ base_commit', checkout.dir, chosen, checkout));
      } finally {
        checkout.dispose();
      }
    } else if (process.env.ATOMIC_BENCH_DEBIAN) {
      const tree = debianTree(chosen);
      if (!tree) {
        missing.push(`${repo} (no mirror; Debian package ${chosen[0].debian_package} not installed)`);
        continue;
      }
      rows.push(await measure(repo, `Debian ${chosen[0].debian_package} (drift)`, tree, chosen));
      fs.rmSync(tree, { recursive: true, force: true });
    } else {
      missing.push(`${repo} (${instances.length} instances: no mirror)`);
    }
    printRow(rows[rows.length - 1]);
  }
  printTable(rows);
  if (missing.length) console.log(`\nSkipped: ${missing.join('; ')}`);
}

function printRow(row: Row | undefined): void {
  if (row) console.log(`  done ${row.repo}: ${row.n} instances`);
}

function printTable(rows: Row[]): void {
  const fmt = (v: number, n: number) => (n ? (v / n).toFixed(3) : '-');
  console.log('\nRetrieval-only file localization (Recall@k = share of gold files in the top k)');
  console.log('| repository | source | instances | R@1 | R@5 | R@10 | ms/query |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  const total: Row = { repo: 'all', source: '', n: 0, r1: 0, r5: 0, r10: 0, ms: 0 };
  const gitTotal: Row = { repo: 'all (git checkouts only)', source: '', n: 0, r1: 0, r5: 0, r10: 0, ms: 0 };
  for (const r of rows) {
    console.log(`| ${r.repo} | ${r.source} | ${r.n} | ${fmt(r.r1, r.n)} | ${fmt(r.r5, r.n)} | ${fmt(r.r10, r.n)} | ${fmt(r.ms, r.n)} |`);
    for (const t of r.source.startsWith('git') ? [total, gitTotal] : [total]) {
      t.n += r.n;
      t.r1 += r.r1;
      t.r5 += r.r5;
      t.r10 += r.r10;
      t.ms += r.ms;
    }
  }
  for (const t of [gitTotal, total]) console.log(`| **${t.repo}** | | ${t.n} | ${fmt(t.r1, t.n)} | ${fmt(t.r5, t.n)} | ${fmt(t.r10, t.n)} | ${fmt(t.ms, t.n)} |`);
  console.log('Targets: R@5 ≥ 0.85, R@1 ≥ 0.55.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
