// Oracle replay of the bug-fix workflow: for SWE-bench instances of ../shared/eval, each on its
// repository at base_commit, the CLI (`atomic-skills run --workflow`) runs localize → edit →
// review against the scripted model server replaying oracle answers: the gold files as the
// localization, the gold patch as SEARCH/REPLACE blocks, a YES review. Every non-model part of the
// pipeline runs for real on real repositories: the code index, the localization's path checks,
// edit parsing, matching and the parse guard, the workflow runner, the review's patch anchoring,
// the CLI. Reported per step: passed, failed and why; and whether the final patch equals the gold
// patch (git apply of it to the same files).
//
// Not replayed: reproduce (there are no oracle reproductions). verify (ATOMIC_BENCH_VERIFY=1) runs
// each project's tests, so it needs the project's Python environment; a failing verify is
// tallied and the workflow continues, so the patch comparison still counts.
// ATOMIC_BENCH_LIMIT=N instances per repository, ATOMIC_BENCH_ONLY=sympy,… repositories.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkflowResult } from '../src/core/workflows/workflowTypes';
import { startScriptedModelServer } from '../test/support/scriptedModelServer';
import { makeCase, rngFor } from './editBenchCases';
import { details, limit, only, readInstances, type EvalInstance } from './evalInstances';
import { gitApply, goldFiles } from './goldPatch';
import { producedText } from './producedText';
import { MovingCheckout, mirrorGitDir, reposDir } from './movingCheckout';

type Instance = EvalInstance;

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
/** ATOMIC_BENCH_VERIFY=1 adds the verify step (the gold patch applied while the touched code's tests run); it needs each project's Python environment. */
const withVerify = process.env.ATOMIC_BENCH_VERIFY === '1';
const oracleWorkflow = {
  name: 'oracle',
  title: 'Bug fix, oracle replay',
  description: 'The fix workflow without reproduce (no oracle reproductions), and verify only on request.',
  steps: [
    { id: 'localize', skill: 'localize', input: { task: '$task.issue' }, onFail: { action: 'stop' } },
    { id: 'edit', skill: 'edit', input: { instruction: '$task.issue', files: '$localize.committed' }, onFail: { action: 'retry', max: 1, then: 'stop' } },
    ...(withVerify ? [{ id: 'verify', skill: 'verify', input: { edit: '$edit' }, onFail: { action: 'continue' } }] : []),
    { id: 'review', skill: 'review', input: { edit: '$edit', intent: '$task.issue' }, onFail: { action: 'stop' } },
  ],
};

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Tally {
  n: number;
  steps: Record<string, { passed: number; failed: number }>;
  succeeded: number;
  identical: number;
  skipped: number;
  reasons: Map<string, number>;
}

async function main(): Promise<void> {
  const instances = readInstances<Instance>();
  if (!instances) return;
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run node esbuild.mjs first`);
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-oracle-cache-'));
  const env = { ...process.env, ATOMIC_SKILLS_CACHE_DIR: cache, ATOMIC_SKILLS_FEEDBACK_LEVEL: 'off' };
  const byRepo = new Map<string, Instance[]>();
  for (const inst of instances) if (!only.length || only.some((o) => inst.repo.includes(o))) byRepo.set(inst.repo, [...(byRepo.get(inst.repo) ?? []), inst]);
  const tallies = new Map<string, Tally>();
  const missing: string[] = [];
  const detailLines: string[] = [];
  const started = Date.now();
  for (const [repo, list] of byRepo) {
    const gitDir = mirrorGitDir(repo);
    if (!gitDir) {
      missing.push(repo);
      continue;
    }
    const tally: Tally = { n: 0, steps: {}, succeeded: 0, identical: 0, skipped: 0, reasons: new Map() };
    tallies.set(repo, tally);
    const checkout = new MovingCheckout(gitDir);
    try {
      for (const inst of list.slice(0, limit)) {
        const gold = goldFiles(inst, gitDir);
        if (!gold) {
          tally.skipped++; // renames and deletions are not edits
          continue;
        }
        checkout.moveTo(inst.base_commit);
        fs.mkdirSync(path.join(checkout.dir, '.atomic', 'workflows'), { recursive: true });
        fs.writeFileSync(path.join(checkout.dir, '.atomic', 'workflows', 'oracle.json'), JSON.stringify(oracleWorkflow));
        const issueFile = path.join(cache, `${inst.id}.md`);
        fs.writeFileSync(issueFile, inst.problem_statement);
        const edit = makeCase(gold, 'searchReplace', 'clean', rngFor(inst.id)).reply ?? '';
        const localization = { files: inst.gold_files.map((p) => ({ path: p, reason: 'oracle: the gold patch changes it' })), committed: inst.gold_files };
        const server = await startScriptedModelServer({
          replies: [
            { when: { systemIncludes: 'You localize code' }, content: `<localization>${JSON.stringify(localization)}</localization>`, times: Infinity },
            { when: { systemIncludes: 'You edit code' }, content: edit, times: Infinity },
            { when: { systemIncludes: 'code reviewer' }, content: '<review>Matches the issue.</review>\n<findings>[]</findings>\n<judgment>YES</judgment>', times: Infinity },
          ],
        });
        tally.n++;
        let outcome = '';
        try {
          const r = await runCli(['run', '--workflow', 'oracle', '--repo', checkout.dir, '--issue', issueFile, '--json', '--yes', '--base-url', server.url, '--model', 'scripted-model'], env);
          let result: WorkflowResult | undefined;
          try {
            result = JSON.parse(r.stdout) as WorkflowResult;
          } catch {
            outcome = `cli exit ${r.code}: ${r.stderr.trim().split('\n').pop()}`;
          }
          if (result) {
            for (const s of result.steps) {
              const t = (tally.steps[s.step] ??= { passed: 0, failed: 0 });
              if (s.status === 'passed') t.passed++;
              else t.failed++;
            }
            const verify = result.steps.find((s) => s.step === 'verify' && s.status !== 'passed');
            if (verify) {
              const why = `verify: ${(verify.check.detail ?? verify.error ?? '').split('\n')[0].slice(0, 140)}`;
              tally.reasons.set(why, (tally.reasons.get(why) ?? 0) + 1);
              const runs = (verify.output as { runs?: Array<{ what: string; output: string }> } | undefined)?.runs ?? [];
              if (details) detailLines.push(JSON.stringify({ id: inst.id, verify: runs.map((r) => ({ what: r.what, tail: r.output.slice(-600) })) }));
            }
            if (result.status === 'succeeded') tally.succeeded++;
            const expected = gitApply(gold, () => true);
            const produced = new Map(result.files.map((f) => [f.path, producedText(f, gold)]));
            const same = [...expected].every(([p, text]) => produced.get(p) === text) && [...produced.keys()].every((p) => expected.has(p));
            if (result.status === 'succeeded' && same) tally.identical++;
            else {
              const failed = result.steps.find((s) => s.status !== 'passed');
              outcome = failed ? `${failed.step}: ${(failed.check.detail ?? failed.error ?? '').split('\n')[0].slice(0, 120)}` : `patch differs from gold (${[...expected.keys()].filter((p) => produced.get(p) !== expected.get(p)).join(', ')})`;
            }
          }
        } finally {
          await server.close();
        }
        if (outcome) tally.reasons.set(outcome.replace(/\d+/g, 'N').slice(0, 100), (tally.reasons.get(outcome.replace(/\d+/g, 'N').slice(0, 100)) ?? 0) + 1);
        if (details) detailLines.push(JSON.stringify({ id: inst.id, outcome: outcome || 'identical' }));
      }
    } finally {
      checkout.dispose();
    }
  }
  if (details) fs.writeFileSync(details, detailLines.join('\n') + '\n');
  fs.rmSync(cache, { recursive: true, force: true });

  const stepNames = withVerify ? ['localize', 'edit', 'verify', 'review'] : ['localize', 'edit', 'review'];
  console.log(`\n| Repository | Instances | ${stepNames.map((s) => `${s} passed / failed`).join(' | ')} | Workflow succeeded | Patch identical to gold |`);
  console.log(`|---|---:|${stepNames.map(() => '---:|').join('')}---:|---:|`);
  const all: Tally = { n: 0, steps: {}, succeeded: 0, identical: 0, skipped: 0, reasons: new Map() };
  for (const [repo, t] of tallies) {
    console.log(`| ${repo} | ${t.n} | ${stepNames.map((s) => `${t.steps[s]?.passed ?? 0} / ${t.steps[s]?.failed ?? 0}`).join(' | ')} | ${t.succeeded} | ${t.identical} (${((t.identical / Math.max(1, t.n)) * 100).toFixed(1)}%) |`);
    all.n += t.n;
    all.succeeded += t.succeeded;
    all.identical += t.identical;
    all.skipped += t.skipped;
    for (const s of stepNames) {
      const a = (all.steps[s] ??= { passed: 0, failed: 0 });
      a.passed += t.steps[s]?.passed ?? 0;
      a.failed += t.steps[s]?.failed ?? 0;
    }
    for (const [r, c] of t.reasons) all.reasons.set(r, (all.reasons.get(r) ?? 0) + c);
  }
  console.log(`| **all** | ${all.n} | ${stepNames.map((s) => `${all.steps[s]?.passed ?? 0} / ${all.steps[s]?.failed ?? 0}`).join(' | ')} | ${all.succeeded} | ${all.identical} (${((all.identical / Math.max(1, all.n)) * 100).toFixed(1)}%) |`);
  console.log(`\nTarget: ≥ 95% identical. ${all.skipped} instance(s) skipped (the gold patch renames or deletes files). ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (all.reasons.size) {
    console.log('\nFailed steps (verify failures do not stop the replay) and why patches were not identical:');
    for (const [r, c] of [...all.reasons].sort((a, b) => b[1] - a[1])) console.log(`- ${c}× ${r}`);
  }
  if (missing.length) console.log(`\nNo mirror under ${reposDir} for: ${missing.join(', ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
