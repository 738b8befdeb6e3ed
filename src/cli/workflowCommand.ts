import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import type { CodeIndex } from '../core/code/codeIndex';
import { AtomicError, errorMessage } from '../core/errors';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { GitChanges } from '../core/git/gitChanges';
import { withoutHugeFileTexts } from '../core/skills/edit/editedFileJson';
import type { SkillContext } from '../core/skills/skillTypes';
import { findWorkflow } from '../core/workflows/workflowLoader';
import { runWorkflow, type AskAnswer, type WorkflowHost } from '../core/workflows/workflowRunner';
import type { WorkflowResult } from '../core/workflows/workflowTypes';
import { writeFilesAtomically } from './atomicWriter';
import { checkedWrite } from './checkedWrites';
import { readInputText } from './commandPaths';
import { cliRecorder } from './cliFeedback';
import { cliRunningContext, type RunningCommandOptions } from './cliRunningContext';
import { openFreshIndex } from './freshIndex';
import type { CliIo as CodeCommandIo } from './cliIo';
import { repoFolder } from './repoFolder';
import { atTerminal } from './cliRunner';
import { exitCode, exitCodeOfWorkflow } from './exitCodes';
import { stepSummary } from './stepSummary';

export interface WorkflowCommandOptions extends RunningCommandOptions {
  workflow: string;
  issue: string;
  /** Write the final patch's files into the repository when the workflow succeeds. */
  apply: boolean;
  /** Write the patch here instead of standard output. */
  out?: string;
}

function renderSteps(result: WorkflowResult): string {
  return result.steps
    .map((r) => `${r.status === 'passed' ? '✓' : r.status === 'skipped' ? '·' : '✗'} ${r.step} (${r.skill}${r.attempt > 1 ? `, attempt ${r.attempt}` : ''}, ${(r.durationMs / 1000).toFixed(1)} s): ${r.check.name} ${r.check.passed ? 'passed' : 'failed'}${r.check.detail ? ` — ${stepSummary(r.check.detail)}` : ''}`)
    .join('\n');
}

async function askAtTerminal(io: CodeCommandIo): Promise<WorkflowHost['ask']> {
  if (!atTerminal()) return undefined;
  return async (step, failure) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`Step ${step.id} failed: ${stepSummary(failure)}\n[r]etry, [c]ontinue or [s]top? `);
      const map: Record<string, AskAnswer> = { r: 'retry', c: 'continue', s: 'stop' };
      return map[answer.trim().toLowerCase()[0] ?? 's'] ?? 'stop';
    } finally {
      rl.close();
      io.err('');
    }
  };
}

/**
 * `atomic-skills run --workflow NAME` and `atomic-skills fix`: runs a workflow on the issue and
 * prints (or writes to --out) the final patch as a unified diff; the repository is not touched
 * unless --apply. Exit codes: exitCodeOfWorkflow (an endpoint failure in a step is 2, as everywhere).
 */
export async function workflowCommand(options: WorkflowCommandOptions, io: CodeCommandIo): Promise<number> {
  const root = repoFolder(options.repo);
  const def = await findWorkflow(root, options.workflow).catch((err: Error) => {
    throw new AtomicError('usage', err.message);
  });
  if (options.out) checkOutFile(options.out);
  const issue = await readInputText('--issue', options.issue, process.stdin);
  if (!issue.trim()) throw new AtomicError('usage', 'The issue text is empty.');
  const recorder = cliRecorder(io.env, io.err);
  const base = await cliRunningContext(options, io);
  let opened: CodeIndex | undefined;
  const context: SkillContext = {
    ...base,
    changes: await GitChanges.open(root, 'git', { runFilters: false }).catch(() => undefined),
    codeIndex: async () => (opened ??= (await openFreshIndex(root, io, options.json)).index),
    progress: base.progress && ((m) => io.err(`  ${m}`)),
  };
  try {
    const result = await runWorkflow(def, { issue }, {
      context,
      ask: await askAtTerminal(io),
      onStep: ({ step, attempt, record }) => {
        if (options.json) return;
        io.err(record ? `${record.status === 'passed' ? '✓' : '✗'} ${step.id}: ${record.check.name} ${record.check.passed ? 'passed' : `failed${record.check.detail ? ` — ${stepSummary(record.check.detail)}` : ''}`}` : `▶ ${step.id} (${step.skill}${attempt > 1 ? `, attempt ${attempt}` : ''})`);
      },
      record: (skill, run, ctx) => recordSkillRun(recorder, skill, run, ctx),
    });
    let written: string[] = [];
    let notApplied: string | undefined;
    if (options.apply && result.status === 'succeeded' && result.files.length) {
      // A refusal keeps the patch: it is still printed (or written to --out) below.
      try {
        await writeFilesAtomically(result.files.map((f) => checkedWrite(root, f, 'the workflow ran')));
        written = result.files.map((f) => f.path);
      } catch (err) {
        notApplied = errorMessage(err);
      }
    }
    // Only a patch is written, whole or not at all: a failed run leaves an earlier --out as it was.
    let outFailed: string | undefined;
    if (options.out && result.patch) {
      try {
        await writeFilesAtomically([{ path: path.resolve(options.out), content: Buffer.from(result.patch, 'utf8') }]);
      } catch (err) {
        outFailed = `Could not write ${options.out}: ${errorMessage(err)}`;
        io.err(`${outFailed} The patch follows on standard output.`);
        if (!options.json) io.out(result.patch);
      }
    }
    if (options.json) io.out(JSON.stringify(withoutHugeFileTexts({ ...result, written, ...(notApplied ? { notApplied } : {}) }), null, 2));
    else {
      io.err(`\n${def.title}: ${result.status}${result.failedStep ? ` at ${result.failedStep}` : ''} in ${(result.durationMs / 1000).toFixed(1)} s\n${renderSteps(result)}`);
      if (!options.out && result.patch) io.out(result.patch);
      if (written.length) io.err(`Wrote ${written.join(', ')}.`);
      else if (notApplied) io.err(`Not applied: ${notApplied} The patch is ${options.out ? `in ${options.out}` : 'on standard output'}; apply it by hand or run again.`);
      else if (result.patch && !options.apply) io.err('The repository is unchanged (--apply writes the patch).');
    }
    if (notApplied || outFailed) return exitCode.checkFailed;
    return exitCodeOfWorkflow(result);
  } finally {
    await opened?.dispose();
  }
}

/** --out must name a file in an existing folder: found out before the workflow runs, not after. */
function checkOutFile(out: string): void {
  const full = path.resolve(out);
  const folder = path.dirname(full);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new AtomicError('usage', `--out ${out}: the folder ${folder} does not exist.`);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) throw new AtomicError('usage', `--out ${out} is a folder; name a file.`);
}
