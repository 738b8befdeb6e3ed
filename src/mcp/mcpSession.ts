import type { Settings } from '../core/config';
import type { FeedbackRecorder } from '../core/feedback/feedbackRecorder';
import type { ChatModel } from '../core/model/types';
import { cliRecorder } from '../cli/cliFeedback';
import { cliModel, cliSettings, type CliModelOptions } from '../cli/cliModel';

export interface McpOptions extends CliModelOptions {
  /** --repo: the workspace root; absent: the client's first root, else the current folder. */
  repo?: string;
  /** --allow-project-tests */
  allowProjectTests: boolean;
}

/** What every session of one server process shares: the options, the model, the recorder. */
export interface McpSessionDeps {
  options: McpOptions;
  env: NodeJS.ProcessEnv;
  settings: Settings;
  recorder: FeedbackRecorder;
  /** The model, resolved on first use (a local server may be discovered); a failure is retried on the next call. */
  model(): Promise<ChatModel>;
  /** One line on stderr (stdout carries the protocol). */
  log(message: string): void;
  /** When an applied proposal's text is measured again (seconds); ATOMIC_SKILLS_SURVIVAL_SECONDS overrides the default, for demos and tests. */
  survivalCheckpoints?: readonly number[];
}

function checkpointsFrom(value: string | undefined): number[] | undefined {
  const seconds = value?.split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
  return seconds?.length ? seconds : undefined;
}

export function mcpSessionDeps(options: McpOptions, env: NodeJS.ProcessEnv, err: (s: string) => void): McpSessionDeps {
  const log = (m: string) => err(`atomic-skills mcp: ${m}`);
  const settings = cliSettings(options, env);
  let model: Promise<ChatModel> | undefined;
  return {
    options,
    env,
    settings,
    recorder: cliRecorder(env, err),
    model: () =>
      (model ??= cliModel(settings, env, log).catch((e: unknown) => {
        model = undefined;
        throw e;
      })),
    log,
    survivalCheckpoints: checkpointsFrom(env.ATOMIC_SKILLS_SURVIVAL_SECONDS),
  };
}
