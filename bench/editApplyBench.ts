// Edit application on real code: the gold patches of the SWE-bench localization dev set, turned
// into unified diffs, SEARCH/REPLACE blocks and str_replace tool calls with model-like noise
// (editBenchCases.ts), applied in memory to each repository's files at base_commit. Outcomes:
//   correct  every block applied and every file equals `git apply` of the gold patch
//   loud     the result says something failed (nothing would be written)
//   wrong    the result claims success but a file differs, or (for failed cases) a block that
//            claims it applied put its change somewhere else than the gold patch did
// Repositories: bare git dirs under ATOMIC_BENCH_REPOS_DIR (default ../.mirror, owner+name/repo),
// only read (`git show`, `git apply` in a temporary folder). ATOMIC_BENCH_LIMIT=N instances per
// repository, ATOMIC_BENCH_ONLY=sympy,… repositories, ATOMIC_BENCH_DETAILS=FILE.jsonl per-case lines.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePatch } from 'diff';
import { codeAssetDirs } from '../src/cli/codeAssets';
import { grammarLocator } from '../src/core/code/grammarLocator';
import { TreeSitterLoader } from '../src/core/code/treeSitterLoader';
import { applyPlan } from '../src/core/edits/applyPlan';
import type { ApplyResult, ParsedEdits } from '../src/core/edits/editPlan';
import { parseEditReply } from '../src/core/edits/editReplyParser';
import { type ParseCheck, type ParseChecker, treeSitterParseChecker } from '../src/core/edits/parseGuard';
import { parseToolCalls } from '../src/core/edits/toolCallParser';
import { type GoldFile, makeCase, rngFor, variants } from './editBenchCases';
import { gitApply, goldFiles } from './goldPatch';
import { mirrorGitDir, reposDir } from './movingCheckout';
import { details, limit, only, readInstances, type EvalInstance } from './evalInstances';

type Instance = EvalInstance;

type Outcome = 'correct' | 'loud' | 'wrong';

interface Tally {
  cases: number;
  unambiguous: number;
  correct: number;
  correctUnambiguous: number;
  loud: number;
  loudUnambiguous: number;
  wrong: number;
}



/** The parse checker, remembering results by content (the same texts come back across variants). */
function memoChecker(inner: ParseChecker): ParseChecker {
  const memo = new Map<string, Promise<ParseCheck | undefined>>();
  return {
    check(p, text) {
      const k = `${p}\0${text}`;
      let hit = memo.get(k);
      if (!hit) {
        if (memo.size > 400) memo.clear();
        hit = inner.check(p, text);
        memo.set(k, hit);
      }
      return hit;
    },
  };
}

function judge(result: ApplyResult, files: GoldFile[], expected: Map<string, string>): { outcome: Outcome; detail?: string } {
  const after = new Map(result.files.map((f) => [f.path, f]));
  if (result.ok) {
    for (const f of files) {
      if (after.get(f.path)?.after !== expected.get(f.path)) return { outcome: 'wrong', detail: `${f.path} differs from git apply` };
    }
    return { outcome: 'correct' };
  }
  // Failed loudly; still check that blocks claiming success did the gold thing (what --partial writes).
  const applied = new Set(result.blocks.filter((b) => b.status !== 'failed').map((b) => `${b.path}#${b.index}`));
  const partial = gitApply(files, (fi, hi) => applied.has(`${files[fi].path}#${hi}`));
  for (const f of files) {
    const r = after.get(f.path);
    if (!r || r.rejected) continue;
    const got = r.applied > 0 ? r.after : (f.before ?? '');
    if (got !== (partial.get(f.path) ?? f.before ?? '')) return { outcome: 'wrong', detail: `applied blocks of ${f.path} differ from the same gold hunks` };
  }
  const first = result.problems[0]?.message ?? result.blocks.find((b) => b.status === 'failed')?.reason ?? result.files.find((f) => f.rejected)?.rejected;
  return { outcome: 'loud', detail: first };
}

function emptyTally(): Tally {
  return { cases: 0, unambiguous: 0, correct: 0, correctUnambiguous: 0, loud: 0, loudUnambiguous: 0, wrong: 0 };
}

function add(t: Tally, outcome: Outcome, ambiguous: boolean): void {
  t.cases++;
  if (!ambiguous) t.unambiguous++;
  if (outcome === 'correct') {
    t.correct++;
    if (!ambiguous) t.correctUnambiguous++;
  } else if (outcome === 'loud') {
    t.loud++;
    if (!ambiguous) t.loudUnambiguous++;
  } else t.wrong++;
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : '-';
}

function table(title: string, rows: Array<[string, Tally]>): void {
  console.log(`\n${title}`);
  const head = ['', 'cases', 'unambiguous', 'correct', 'loud', 'wrong', 'correct of unambiguous'];
  const body = rows.map(([name, t]) => [name, t.cases, t.unambiguous, t.correct, t.loud, t.wrong, `${t.correctUnambiguous}/${t.unambiguous} ${pct(t.correctUnambiguous, t.unambiguous)}`].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(head));
  for (const r of body) console.log(fmt(r));
}

async function main(): Promise<void> {
  const all = readInstances<Instance>();
  if (!all) return;
  const loader = new TreeSitterLoader(grammarLocator(codeAssetDirs()));
  const checker = memoChecker(treeSitterParseChecker(loader));
  const byRepo = new Map<string, Tally>();
  const byVariant = new Map<string, Tally>();
  const total = emptyTally();
  const missing = new Set<string>();
  const skipped: string[] = [];
  const perRepoCount = new Map<string, number>();
  const started = performance.now();
  if (details) fs.writeFileSync(details, '');
  for (const inst of all) {
    if (only.length && !only.some((o) => inst.repo.includes(o))) continue;
    const gitDir = mirrorGitDir(inst.repo);
    if (!gitDir) {
      missing.add(inst.repo);
      continue;
    }
    if ((perRepoCount.get(inst.repo) ?? 0) >= limit) continue;
    perRepoCount.set(inst.repo, (perRepoCount.get(inst.repo) ?? 0) + 1);
    let files: GoldFile[] | undefined;
    let expected: Map<string, string>;
    try {
      files = goldFiles(inst, gitDir);
      if (!files) {
        skipped.push(`${inst.id} (deletes or renames a file)`);
        continue;
      }
      expected = gitApply(files, () => true);
    } catch (err) {
      skipped.push(`${inst.id} (${err instanceof Error ? err.message.split('\n')[0] : err})`);
      continue;
    }
    const contents = new Map(files.map((f) => [f.path, f.before]));
    const read = async (p: string) => contents.get(p);
    for (const [format, noise] of variants) {
      const c = makeCase(files, format, noise, rngFor(`${inst.id}/${format}/${noise}`));
      const parsed: ParsedEdits = c.calls ? parseToolCalls(c.calls) : parseEditReply(c.reply!);
      const result = await applyPlan(parsed.plan, { root: '/nonexistent-bench-root', read }, { checker, problems: parsed.problems });
      const { outcome, detail } = judge(result, files, expected);
      const name = `${format}/${noise}`;
      for (const t of [total, byRepo.get(inst.repo) ?? byRepo.set(inst.repo, emptyTally()).get(inst.repo)!, byVariant.get(name) ?? byVariant.set(name, emptyTally()).get(name)!]) {
        add(t, outcome, c.ambiguous);
      }
      if (details) fs.appendFileSync(details, JSON.stringify({ id: inst.id, format, noise, outcome, ambiguous: c.ambiguous, why: c.why, detail }) + '\n');
      if (outcome === 'wrong') console.log(`WRONG ${inst.id} ${name}: ${detail}`);
    }
  }
  table('By repository (all variants)', [...byRepo.entries(), ['total', total]]);
  table('By format/noise (all repositories)', [...byVariant.entries()]);
  console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s; instances: ${[...perRepoCount.values()].reduce((a, b) => a + b, 0)}`);
  if (skipped.length) console.log(`skipped ${skipped.length}: ${skipped.slice(0, 10).join('; ')}`);
  if (missing.size) console.log(`no mirror (fetch them to ${reposDir}): ${[...missing].join(', ')}`);
  loader.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

