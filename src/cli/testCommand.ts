import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../core/errors';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { reproduceSkill, runReproduce, summarizeReproduction } from '../core/skills/reproduce/reproduceSkill';
import { runTestsSkill, summarizeTests, testsSkill } from '../core/skills/tests/testsSkill';
import { writeFilesAtomically } from './atomicWriter';
import { readInputText } from './commandPaths';
import { cliFeedbackNote, cliRecorder } from './cliFeedback';
import { refuseWithoutConsent } from './cliRunner';
import { cliRunningContext, type RunningCommandOptions } from './cliRunningContext';
import { splitTarget } from './targetFlag';
import type { CliIo as CodeCommandIo } from './cliIo';

interface WritingCommandOptions extends RunningCommandOptions {
  /** Write the result's file (the tests, the reproduction script); false: only print it. */
  write: boolean;
}

async function writeNew(root: string, relative: string, content: string): Promise<void> {
  const target = path.resolve(root, relative);
  if (fs.existsSync(target)) throw new AtomicError('usage', `${relative} exists now; not overwritten.`);
  await writeFilesAtomically([{ path: target, content: Buffer.from(content, 'utf8') }]);
}

export interface TestCommandOptions extends WritingCommandOptions {
  target: string;
  behaviour?: string;
  testFile?: string;
  mutants: number;
}

/** `atomic-skills test`: generated tests that pass, with their mutation score; written unless --dry-run. Exit 1 when no passing tests. */
export async function testCommand(options: TestCommandOptions, io: CodeCommandIo): Promise<number> {
  refuseWithoutConsent(options.yes, 'run the generated tests');
  if (options.testFile && fs.existsSync(path.resolve(options.repo, options.testFile))) {
    throw new AtomicError('usage', `--test-file ${options.testFile} exists; name a new file (generated tests never replace one).`);
  }
  const context = await cliRunningContext(options, io);
  const { file, symbol } = splitTarget(options.target);
  const run = await runTestsSkill({ target: file, symbol, behaviour: options.behaviour, testFile: options.testFile, mutants: options.mutants }, context);
  const recordId = await recordSkillRun(cliRecorder(io.env, io.err), testsSkill, run, context);
  if (recordId && !options.json) io.err(cliFeedbackNote(recordId));
  const { result } = run;
  const written = result.passed && options.write ? (await writeNew(context.workspace.root, result.testFile, result.content), [result.testFile]) : [];
  if (options.json) io.out(JSON.stringify({ ...result, written }, null, 2));
  else io.out(summarizeTests(result) + (written.length ? `\n\nWrote ${written[0]}.` : ''));
  return result.passed ? 0 : 1;
}

export interface ReproduceCommandOptions extends WritingCommandOptions {
  issue: string;
}

/** `atomic-skills reproduce`: exit 0 when reproduced (the script is written with --keep), 1 when not. */
export async function reproduceCommand(options: ReproduceCommandOptions, io: CodeCommandIo & { stdin?: NodeJS.ReadableStream }): Promise<number> {
  const issue = await readInputText('--issue', options.issue, io.stdin ?? process.stdin);
  refuseWithoutConsent(options.yes, 'run a model-written reproduction script');
  const context = await cliRunningContext(options, io);
  const run = await runReproduce({ issue }, context);
  const recordId = await recordSkillRun(cliRecorder(io.env, io.err), reproduceSkill, run, context);
  if (recordId && !options.json) io.err(cliFeedbackNote(recordId));
  const { result } = run;
  const written = result.reproduced && result.script && options.write ? (await writeNew(context.workspace.root, result.script.path, result.script.content), [result.script.path]) : [];
  if (options.json) io.out(JSON.stringify({ ...result, written }, null, 2));
  else io.out(summarizeReproduction(result) + (written.length ? `\n\nWrote ${written[0]}.` : ''));
  return result.reproduced ? 0 : 1;
}
