import * as path from 'node:path';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { reviewSkill, runReview } from '../core/skills/review/reviewSkill';
import type { ReviewInput } from '../core/skills/review/reviewTypes';
import { cliFeedbackNote, cliRecorder } from './cliFeedback';
import { cliModel, cliSettings, type CliModelOptions } from './cliModel';
import { GitChanges } from '../core/git/gitChanges';
import { FsWorkspace } from '../core/fsWorkspace';
import { outputFormat, renderReview } from './reviewOutput';

export interface ReviewCommandOptions extends CliModelOptions {
  repo: string;
  input: ReviewInput;
  json: boolean;
  /** Print the review as Markdown (else text styled for a terminal, or plain when not one). */
  markdown?: boolean;
  failOnNo: boolean;
}

/** Runs a review from the command line; returns the exit code. */
export async function reviewCommand(options: ReviewCommandOptions, io: { out: (s: string) => void; err: (s: string) => void; env: NodeJS.ProcessEnv; signal: AbortSignal; stdoutIsTerminal?: boolean }): Promise<number> {
  const format = outputFormat(options, io.stdoutIsTerminal ?? false, io.env);
  const recorder = cliRecorder(io.env, io.err);
  const changes = await GitChanges.open(path.resolve(options.repo), 'git', { runFilters: false });
  const settings = cliSettings(options, io.env);
  const model = await cliModel(settings, io.env, io.err);
  const context = {
    model,
    workspace: new FsWorkspace(changes.root),
    changes,
    settings,
    signal: io.signal,
    surface: 'cli' as const,
    progress: options.json ? undefined : (m: string) => io.err(m),
  };
  const run = await runReview(options.input, context);
  const { result } = run;
  const recordId = await recordSkillRun(recorder, reviewSkill, run, context);
  if (recordId && !options.json) io.err(cliFeedbackNote(recordId));
  io.out(renderReview(result, format));
  return options.failOnNo && result.judgment === 'NO' ? 1 : 0;
}
