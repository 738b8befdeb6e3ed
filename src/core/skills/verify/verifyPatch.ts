import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { classifyEditPath } from '../../edits/pathSafety';
import { AtomicError } from '../../errors';
import { formatCommandLine } from '../../run/commandLine';
import { passed, type RunIsolation, type RunResult } from '../../run/runTypes';
import { runInView, type ViewFile } from '../../run/workspaceView';
import { detectTestFramework, testCommand } from '../../run/testFrameworks';
import { proposedFiles } from '../edit/proposedFiles';
import type { EditResult } from '../edit/editTypes';
import type { ReproductionResult } from '../reproduce/reproduceTypes';
import type { SkillContext } from '../skillTypes';
import { isTestFile } from '../tests/testLocation';
import { ignoredFolders } from '../../workspace';
import { readRegularFile } from '../../regularFile';

export interface VerifyInput {
  edit?: EditResult;
  reproduction?: ReproductionResult;
  /** Fail when no existing test covers the touched files (refactors). */
  requireTests?: boolean;
  /** Fail when the edit changes a test file (refactors keep the tests as they are). */
  testsUnchanged?: boolean;
}

export interface VerifyRun {
  what: string;
  command: string[];
  exitCode: number | null;
  timedOut: boolean;
  passed: boolean;
  output: string;
  /** How the workspace was kept from the run (see runInView). */
  isolation?: RunIsolation;
}

export interface VerifyResult {
  passed: boolean;
  runs: VerifyRun[];
  /** Why it failed (empty when it passed). */
  failures: string[];
  /** What could not be checked. */
  notes: string[];
}

const outputChars = 4_000;
const tail = (s: string) => (s.length > outputChars ? `…${s.slice(-outputChars)}` : s);

const moduleName = (file: string) => path.posix.basename(file).replace(/\.[^.]+$/, '');
const mentions = (names: string[]) =>
  new RegExp(`\\b(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`);

/**
 * Test files of the project that cover the touched files, nearest first and at most
 * maxTestFiles: tests named after a touched module, tests that mention it, and tests that mention
 * a source file that mentions it (one hop: a test of the caller exercises the callee). Bounded
 * scan; files over 200 kB are not read.
 */
export async function relatedTests(root: string, touched: string[], maxFiles = 20_000): Promise<string[]> {
  const names = touched.map(moduleName).filter((n) => n.length > 1 && n !== 'index' && n !== '__init__');
  if (!names.length) return [];
  const tests: Array<{ rel: string; text: string }> = [];
  const sources: Array<{ rel: string; text: string }> = [];
  const queue = [''];
  let seen = 0;
  while (queue.length && seen < maxFiles) {
    const dir = queue.shift()!;
    for (const e of await fs.readdir(path.join(root, dir), { withFileTypes: true }).catch(() => [])) {
      seen++;
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!ignoredFolders.has(e.name) && !e.name.startsWith('.')) queue.push(rel);
        continue;
      }
      const language = detectTestFramework(root, rel)?.language;
      if (!language || touched.includes(rel)) continue;
      // Regular files only (a FIFO here would block the read forever), and small ones.
      const text = await readRegularFile(path.join(root, rel), { maxBytes: 200_000 }).then((b) => b.toString('utf8'), () => undefined);
      if (text === undefined) continue;
      (isTestFile(language, rel) ? tests : sources).push({ rel, text });
    }
  }
  const direct = mentions(names);
  const callers = sources.filter((f) => direct.test(f.text)).map((f) => moduleName(f.rel)).filter((n) => n.length > 1 && !names.includes(n)).slice(0, 20);
  const viaCallers = callers.length ? mentions(callers) : undefined;
  // Nearest first: a test named after the module, then tests that mention it, then tests of its callers.
  const rank = (t: { rel: string; text: string }) =>
    names.some((n) => moduleName(t.rel).includes(n)) ? 0 : direct.test(t.text) ? 1 : viaCallers?.test(t.text) ? 2 : 3;
  return tests
    .map((t) => ({ rel: t.rel, rank: rank(t) }))
    .filter((t) => t.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.rel.localeCompare(b.rel))
    .slice(0, maxTestFiles)
    .map((t) => t.rel);
}

/** Verify runs at most this many test files: the nearest ones, so a one-line fix in a big project stays quick. */
export const maxTestFiles = 8;

/**
 * The bug-fix and refactor check, no model: each run sees the proposed edit in a throwaway view of
 * the workspace (see runInView; the real files are not written, except in snapshot mode, where the
 * journal and the snapshot put them back): the reproduction must pass (pass-after) and the
 * existing tests of the touched files must pass. Commands go through the surface's runner (trust
 * and consent).
 */
export async function runVerify(input: VerifyInput, ctx: SkillContext): Promise<VerifyResult> {
  if (!ctx.run) throw new AtomicError('configuration', 'Verifying runs tests, and this surface cannot run commands.');
  const root = ctx.workspace.root;
  const files = input.edit ? proposedFiles(input.edit) : [];
  if (!files.length) return { passed: false, runs: [], failures: ['There is no proposed change to verify.'], notes: [] };
  const notes: string[] = [];
  const failures: string[] = [];
  const touchedTests = files.filter((f) => { const lang = detectTestFramework(root, f.path)?.language; return lang !== undefined && isTestFile(lang, f.path); });
  if (input.testsUnchanged && touchedTests.length) failures.push(`The change edits test files (${touchedTests.map((f) => f.path).join(', ')}); a refactor keeps the tests as they are.`);

  // Paths the user allowed for the diff (outside the workspace, .git, editor settings) are never written just to run tests.
  for (const f of files) {
    const safety = await classifyEditPath(root, f.path);
    if (safety.reasons.length) return { passed: false, runs: [], failures: [`Not verified: verify only puts the change into plain workspace files, and ${safety.message} Review the diff before accepting it.`], notes };
  }

  const runs: VerifyRun[] = [];
  const record = (what: string, command: string[], r: RunResult, expectPass = true) => {
    const ok = expectPass ? passed(r) : !passed(r);
    runs.push({ what, command, exitCode: r.exitCode, timedOut: r.timedOut, passed: ok, output: tail(r.output), ...(r.isolation ? { isolation: r.isolation } : {}) });
    return ok;
  };
  // The change exists only in each run's throwaway view of the workspace: the real files are never written.
  const changed: ViewFile[] = files.map((f) =>
    f.before === undefined
      ? { path: f.path, content: f.after, create: true }
      : {
          path: f.path,
          content: f.after,
          expected: (current: Buffer) => {
            if (current.toString('utf8') !== f.before) throw new AtomicError('editNotApplied', `${f.path} changed since the edit was proposed; verify again after a new edit.`);
          },
        },
  );
  const view = (extra: ViewFile[] = []) => ({ root, files: [...changed, ...extra], journal: ctx.journal, signal: ctx.signal, onWait: (file: string) => ctx.progress?.(`Waiting for another run to finish with ${file}…`) });

  const repro = input.reproduction;
  if (repro?.reproduced && repro.script && repro.command) {
    ctx.progress?.(`Running the reproduction on the fixed code: ${formatCommandLine(repro.command)}`);
    const r = await runInView(
      (request) => ctx.run!(request, { purpose: 'run the reproduction against the fix', modelProposed: true }),
      { argv: repro.command, cwd: root, timeoutMs: 120_000, maxOutputBytes: 100_000, signal: ctx.signal, sandbox: { writable: [root] } },
      view([{ path: repro.script.path, content: repro.script.content, create: true }]),
    );
    if (!record('reproduction passes after the fix', repro.command, r)) failures.push('The reproduction still fails with the change applied.');
  } else if (repro) {
    notes.push('The issue was not reproduced, so the fix is checked by the existing tests only.');
  }

  const tests = await relatedTests(root, files.map((f) => f.path));
  if (!tests.length) {
    if (input.requireTests) failures.push(`No existing test mentions ${files.map((f) => f.path).join(', ')}; a refactor needs tests to be checked against.`);
    else notes.push('No existing test mentions the touched files.');
  }
  for (const test of tests) {
    const fw = detectTestFramework(root, test);
    if (!fw) continue;
    const cmd = testCommand(fw, root, test);
    ctx.progress?.(`Running ${test} with the change applied…`);
    const r = await runInView(
      (request) => ctx.run!(request, { purpose: 'run the existing tests against the change', fileArgumentIndexes: cmd.fileArgumentIndexes }),
      { argv: cmd.argv, cwd: cmd.cwd, timeoutMs: 300_000, maxOutputBytes: 100_000, signal: ctx.signal, sandbox: { writable: [root] } },
      view(),
    );
    if (!record(`existing tests ${test}`, cmd.argv, r)) failures.push(`${test} fails with the change applied.`);
  }
  return { passed: failures.length === 0, runs, failures, notes };
}
