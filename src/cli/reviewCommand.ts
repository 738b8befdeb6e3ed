import * as path from 'node:path';
import { runReview } from '../core/skills/review/reviewSkill';
import type { ReviewInput } from '../core/skills/review/reviewTypes';
import { summarizeReview, verdictLine } from '../core/skills/review/summarizeReview';
import { cliModel, cliSettings, type CliModelOptions } from './cliModel';
import { GitChanges } from '../core/git/gitChanges';
import { FsWorkspace } from '../core/fsWorkspace';

export interface ReviewCommandOptions extends CliModelOptions {
  repo: string;
  input: ReviewInput;
  json: boolean;
  failOnNo: boolean;
}

/** Runs a review from the command line; returns the exit code. */
export async function reviewCommand(options: ReviewCommandOptions, io: { out: (s: string) => void; err: (s: string) => void; env: NodeJS.ProcessEnv; signal: AbortSignal }): Promise<number> {
  const changes = await GitChanges.open(path.resolve(options.repo));
  const settings = cliSettings(options, io.env);
  const model = await cliModel(settings, io.env);
  const { result } = await runReview(options.input, {
    model,
    workspace: new FsWorkspace(changes.root),
    changes,
    settings,
    signal: io.signal,
    surface: 'cli',
    progress: options.json ? undefined : (m) => io.err(m),
  });
  if (options.json) io.out(JSON.stringify(result, null, 2));
  else io.out(`${verdictLine(result)}\n\n${summarizeReview(result)}`);
  return options.failOnNo && result.judgment === 'NO' ? 1 : 0;
}
