import { createTwoFilesPatch } from 'diff';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TreeSitterLoader } from '../code/treeSitterLoader';
import { AtomicError, throwIfAborted } from '../errors';
import { readRegularFile } from '../regularFile';
import { workspaceReadMaxBytes } from '../workspace';
import { runProcess } from '../run/runProcess';
import { passed, type RunRequest, type RunResult } from '../run/runTypes';
import { detectTestFramework, testCommand, type TestCommand } from '../run/testFrameworks';
import { runInView, type ViewFile } from '../run/workspaceView';
import type { MutationJournal } from './mutationJournal';
import { applyMutant, generateMutants, sampleMutants } from './mutationOperators';
import { parseTarget } from './mutationTarget';
import type { Mutant, MutantOutcome, MutationReport } from './mutantTypes';

export interface MutationRequest {
  /** The workspace (repository) root. */
  root: string;
  /** Workspace-relative file whose code is mutated. */
  target: string;
  /** Limit mutants to this function, method or class (`name` or `Class.name`). */
  symbol?: string;
  /** Workspace-relative test file that should kill the mutants. */
  testFile: string;
  testName?: string;
  maxMutants: number;
  loader: TreeSitterLoader;
  /** Crash safety for the runs that must happen in the real files (snapshot mode; see runInView). */
  journal?: MutationJournal;
  /** Files every run sees besides the mutant (a generated test file not in the workspace). */
  files?: readonly ViewFile[];
  /** Run inside bubblewrap where it works (writes limited to the workspace, no network). */
  sandbox: boolean;
  /** The upper limit for one test run, baseline included. */
  timeoutMs: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
  progress?: (message: string) => void;
  /** The test command; detected from the project when absent. */
  command?: TestCommand;
  /** Runs a command; the process runner by default (surfaces wrap it to ask for consent). */
  run?: (request: RunRequest) => Promise<RunResult>;
}

/** Mutants that parse no worse than the original, without duplicates, sampled down to `max`. */
export async function validMutants(text: string, parsed: Awaited<ReturnType<typeof parseTarget>>, max: number): Promise<{ mutants: Mutant[]; generated: number }> {
  const seen = new Set<string>();
  const all = generateMutants({ tree: parsed.tree, text, language: parsed.language, range: parsed.range }).filter((m) => {
    const key = `${m.start}:${m.end}:${m.replacement}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Checking every mutant's parse of a huge file is wasted work: check a spread-out sample twice the size asked for.
  const candidates = sampleMutants(all, Math.max(max * 2, 50));
  const valid: Mutant[] = [];
  for (const m of candidates) if ((await parsed.parse(applyMutant(text, m))) <= parsed.errorCount) valid.push(m);
  return { mutants: sampleMutants(valid, max).map((m, id) => ({ ...m, id })), generated: all.length };
}

const tail = (text: string, lines = 15) => text.trimEnd().split('\n').slice(-lines).join('\n');

/**
 * Mutation testing of one target against one test file: the tests must pass on the current
 * code; then the tests run against each mutant, which exists only in that run's throwaway view
 * of the workspace (see runInView; in snapshot mode it is written in place, journaled, and put
 * back). A mutant is killed when the tests fail or time out, and survives when they pass.
 */
export async function mutationTest(req: MutationRequest): Promise<MutationReport> {
  const file = path.resolve(req.root, req.target);
  const original = await readRegularFile(file, { maxBytes: workspaceReadMaxBytes, display: req.target }).catch((err: NodeJS.ErrnoException) => {
    throw new AtomicError(err instanceof AtomicError ? err.reason : 'usage', `Cannot read ${req.target}: ${err.code === 'ENOENT' ? 'no such file' : err.message}.`);
  });
  if (original.includes(0)) throw new AtomicError('usage', `${req.target} is a binary file.`);
  const text = original.toString('utf8');
  if (Buffer.from(text, 'utf8').compare(original) !== 0) throw new AtomicError('usage', `${req.target} is not UTF-8 text; it is not mutated.`);

  const command = req.command ?? (() => {
    const fw = detectTestFramework(req.root, req.testFile);
    if (!fw) throw new AtomicError('usage', `No test framework found for ${req.testFile}: no package.json, pyproject.toml, go.mod, Cargo.toml, pom.xml or build.gradle above it.`);
    return testCommand(fw, req.root, req.testFile, req.testName);
  })();
  const run = req.run ?? runProcess;
  // Every run, the baseline too, sees the workspace through a throwaway view: the mutant is written there, never into the file.
  const runTests = (timeoutMs: number, mutant?: string) =>
    runInView(
      run,
      { argv: command.argv, cwd: command.cwd, timeoutMs, maxOutputBytes: req.maxOutputBytes ?? 200_000, signal: req.signal, sandbox: req.sandbox ? { writable: [req.root] } : undefined },
      {
        root: req.root,
        files: [...(req.files ?? []), ...(mutant === undefined ? [] : [{ path: path.relative(req.root, file).split(path.sep).join('/'), content: mutant, expected: original }])],
        journal: req.journal,
        signal: req.signal,
        onWait: () => req.progress?.(`Waiting for another run to finish with ${req.target}…`),
      },
    );
  const restored = new Set<string>();
  const note = (r: RunResult) => r.isolation?.restored.forEach((p) => restored.add(p));

  const parsed = await parseTarget(req.loader, req.target, text, req.symbol);
  let mutants: Mutant[];
  let generated: number;
  try {
    ({ mutants, generated } = await validMutants(text, parsed, req.maxMutants));
  } finally {
    parsed.dispose();
  }

  req.progress?.(`Running the tests on the current code: ${command.argv.join(' ')}`);
  const baseline = await runTests(req.timeoutMs);
  note(baseline);
  throwIfAborted(req.signal);
  if (!passed(baseline)) {
    const why = baseline.timedOut ? `timed out after ${req.timeoutMs / 1000} s` : `exit code ${baseline.exitCode}`;
    throw new AtomicError('usage', `The tests do not pass on the current code (${why}), so mutants cannot be judged by them.\n${tail(baseline.output)}`);
  }
  const perMutantMs = Math.min(req.timeoutMs, Math.max(5_000, baseline.durationMs * 3 + 3_000));

  const outcomes: MutantOutcome[] = [];
  for (const m of mutants) {
    throwIfAborted(req.signal);
    req.progress?.(`Mutant ${outcomes.length + 1} of ${mutants.length}: ${m.description}`);
    const mutated = applyMutant(text, m);
    const result = await runTests(perMutantMs, mutated);
    note(result);
    if (result.cancelled) throwIfAborted(req.signal);
    const status = result.timedOut ? 'timedOut' : passed(result) ? 'survived' : 'killed';
    outcomes.push({
      ...m,
      status,
      durationMs: result.durationMs,
      diff: createTwoFilesPatch(`a/${req.target}`, `b/${req.target}`, text, mutated, undefined, undefined, { context: 2 }),
      ...(status === 'killed' ? { evidence: tail(result.output, 8) } : {}),
    });
  }
  const killed = outcomes.filter((o) => o.status !== 'survived').length;
  return {
    file: req.target,
    ...(req.symbol ? { symbol: req.symbol } : {}),
    command: command.argv,
    baselineMs: baseline.durationMs,
    total: outcomes.length,
    killed,
    survived: outcomes.length - killed,
    timedOut: outcomes.filter((o) => o.status === 'timedOut').length,
    score: outcomes.length ? killed / outcomes.length : 1,
    generated,
    mutants: outcomes,
    ...(baseline.isolation ? { isolation: { ...baseline.isolation, restored: [...restored].sort() } } : {}),
  };
}
