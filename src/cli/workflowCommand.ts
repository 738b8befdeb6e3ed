import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { AtomicError, errorMessage } from '../core/errors';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { withoutHugeFileTexts } from '../core/skills/edit/editedFileJson';
import { findWorkflow } from '../core/workflows/workflowLoader';
import { runWorkflow, type AskAnswer, type WorkflowHost } from '../core/workflows/workflowRunner';
import type { WorkflowResult } from '../core/workflows/workflowTypes';
import { writeFilesAtomically } from './atomicWriter';
import { checkedWrite } from './checkedWrites';
import { readInputText } from './commandPaths';
import { cliRecorder } from './cliFeedback';
import { stepSkillById } from '../core/skills/registry';
import type { SkillNeed } from '../core/skills/skillTypes';
import { workflowSkills } from '../core/skills/skillsAndWorkflows';
import type { WorkflowDefinition } from '../core/workflows/workflowTypes';
import type { CliCommand } from './cliCommand';
import { booleanFlag, jsonFlag, modelFlags, modelFlagSpecs, repoFlag, requiredFlag, stringFlag, yesFlag, type CliValues, type FlagSpec } from './cliFlags';
import type { CliIo } from './cliIo';
import { cliModel, cliSettings, type CliModelOptions } from './cliModel';
import { atTerminal, cliCommandRunner } from './cliRunner';
import { openSkillContext } from './skillContext';
import { repoFolder } from './repoFolder';
import { exitCode, exitCodeOfWorkflow } from './exitCodes';
import { stepSummary } from './stepSummary';

export interface WorkflowCommandOptions extends CliModelOptions {
  repo: string;
  json: boolean;
  /** Allow running model-written code without asking. */
  yes: boolean;
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

async function askAtTerminal(io: CliIo): Promise<WorkflowHost['ask']> {
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
export async function workflowCommand(options: WorkflowCommandOptions, io: CliIo): Promise<number> {
  const root = repoFolder(options.repo);
  const def = await findWorkflow(root, options.workflow).catch((err: Error) => {
    throw new AtomicError('usage', err.message);
  });
  if (options.out) checkOutFile(options.out);
  const issue = await readInputText('--issue', options.issue, process.stdin);
  if (!issue.trim()) throw new AtomicError('usage', 'The issue text is empty.');
  const recorder = cliRecorder(io.env, io.err);
  const settings = cliSettings(options, io.env);
  const model = () => cliModel(settings, io.env, io.err);
  const progress = options.json ? undefined : (m: string) => io.err(`  ${m}`);
  const run = cliCommandRunner(options.yes, io);
  const { context, dispose } = await openSkillContext(workflowNeeds(def), { root, model, settings, surface: 'cli', run, progress, gitIfPresent: true, quiet: options.json }, io);
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
    await dispose();
  }
}

/** What the workflow's steps need; the repository's changes are taken when there is a repository (the steps review the patch itself). */
function workflowNeeds(def: WorkflowDefinition): SkillNeed[] {
  return [...new Set(def.steps.flatMap((s) => stepSkillById(s.skill)?.needs ?? []))].filter((n) => n !== 'git');
}

/** --out must name a file in an existing folder: found out before the workflow runs, not after. */
function checkOutFile(out: string): void {
  const full = path.resolve(out);
  const folder = path.dirname(full);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new AtomicError('usage', `--out ${out}: the folder ${folder} does not exist.`);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) throw new AtomicError('usage', `--out ${out} is a folder; name a file.`);
}

const workflowFlags: FlagSpec[] = [
  repoFlag,
  { name: 'issue', type: 'string', value: 'FILE|-', description: 'The task: the bug report, what to refactor, the weakness, or the code that needs tests (- reads standard input).' },
  { name: 'apply', type: 'boolean', description: 'Write the final patch into the repository when the workflow succeeded.' },
  { name: 'out', type: 'string', value: 'PATCH', description: 'Write the patch to this file instead of standard output.' },
  yesFlag,
  jsonFlag,
  ...modelFlagSpecs,
];

function runWorkflowCommand(workflow: string, command: string, values: CliValues, io: CliIo): Promise<number> {
  const issue = requiredFlag(values, 'issue', `${command} needs --issue FILE (or - for standard input).`);
  const model = modelFlags(values);
  const options = { repo: stringFlag(values, 'repo') ?? '.', workflow, issue, json: booleanFlag(values, 'json'), yes: booleanFlag(values, 'yes'), apply: booleanFlag(values, 'apply'), out: stringFlag(values, 'out'), ...model };
  return workflowCommand(options, io);
}

const fixHelp = `The bug-fix workflow on the issue in FILE: localize, reproduce (the script must fail on the
current code), edit, verify (the reproduction passes with the edit applied and the existing
tests of the touched files pass), review (YES). A failed check goes back to the step that can
fix it, with the failure, a bounded number of times. Prints each step's check on standard error
and the final patch (a unified diff) on standard output, or to --out; the repository is not
changed unless --apply (written only when the workflow succeeded and every touched file still
holds the bytes the workflow read; otherwise nothing is written, the patch is still printed and
the exit code is 1). Exit 0 when it succeeded, 1 when not.`;

/** `fix` (the bug-fix workflow) and `run --workflow NAME` (any workflow, the built-ins or the repository's own). */
export const workflowCliCommands: CliCommand[] = [
  {
    name: 'fix',
    summary: 'The bug-fix workflow: localize, reproduce, edit, verify, review.',
    help: fixHelp,
    flags: workflowFlags,
    required: ['issue'],
    run: (values, io) => runWorkflowCommand('fix', 'fix', values, io),
  },
  {
    name: 'run',
    summary: 'Any workflow by name.',
    help: `Any workflow by name: ${workflowSkills.map((w) => w.id).join(', ')}, or one defined in
DIR/.atomic/workflows/NAME.json (validated against the schema shipped in
schemas/workflow.schema.json). Same output and flags as fix.`,
    flags: [{ name: 'workflow', type: 'string', value: 'NAME', description: 'The workflow to run.' }, ...workflowFlags],
    required: ['workflow', 'issue'],
    run: (values, io) => runWorkflowCommand(requiredFlag(values, 'workflow', `run needs --workflow NAME (${workflowSkills.map((w) => w.id).join(', ')}, or one in .atomic/workflows).`), 'run', values, io),
  },
];
