import { settingDeclarations, settingsFrom, type SettingDeclaration, type Settings, type SettingKey } from '../core/config';
import { AtomicError } from '../core/errors';
import { listModels, probeLocalServers } from '../core/model/localDiscovery';
import { OpenAiCompatibleModel } from '../core/model/openAiCompatibleModel';
import { resolveModel } from '../core/model/resolveModel';
import type { ChatModel } from '../core/model/types';
import { reportingWaits } from '../core/model/waitReports';

export interface CliModelOptions {
  baseUrl?: string;
  model?: string;
  timeoutSeconds?: number;
  replyTimeoutSeconds?: number;
  maxToolTurns?: number;
}

/**
 * A number from a flag or an environment variable, within the setting's range: the settings
 * would otherwise clamp it (or drop it for the default) without a word, so --reply-timeout 2
 * would quietly wait 5 s.
 */
function inRange(key: SettingKey, value: number | string | undefined, source: string, unit = ''): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  const decl: SettingDeclaration = settingDeclarations[key];
  const min = decl.minimum ?? -Infinity;
  const max = decl.maximum ?? Infinity;
  if (!Number.isFinite(n) || n < min || n > max) throw new AtomicError('usage', `${source} must be a number from ${min} to ${max}${unit}, not ${value}.`);
  return n;
}

/** Settings for the CLI: flags first, then ATOMIC_SKILLS_* environment variables, then defaults. */
export function cliSettings(options: CliModelOptions, env: NodeJS.ProcessEnv): Settings {
  const seconds = (key: SettingKey, flag: number | undefined, flagName: string, variable: string) =>
    flag !== undefined ? inRange(key, flag, flagName, ' seconds') : inRange(key, env[variable], variable, ' seconds');
  const values: Partial<Record<SettingKey, unknown>> = {
    'atomicSkills.model.baseUrl': options.baseUrl ?? env.ATOMIC_SKILLS_BASE_URL,
    'atomicSkills.model.name': options.model ?? env.ATOMIC_SKILLS_MODEL,
    'atomicSkills.model.backend': 'auto',
    'atomicSkills.model.requestTimeoutSeconds': seconds('atomicSkills.model.requestTimeoutSeconds', options.timeoutSeconds, '--timeout', 'ATOMIC_SKILLS_TIMEOUT_SECONDS'),
    'atomicSkills.model.replyTimeoutSeconds': seconds('atomicSkills.model.replyTimeoutSeconds', options.replyTimeoutSeconds, '--reply-timeout', 'ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS'),
    'atomicSkills.review.maxToolTurns': inRange('atomicSkills.review.maxToolTurns', options.maxToolTurns, '--max-tool-turns'),
    'atomicSkills.localize.maxToolTurns': inRange('atomicSkills.localize.maxToolTurns', options.maxToolTurns, '--max-tool-turns'),
  };
  return settingsFrom((key) => values[key]);
}

export const apiKeyVariables = ['ATOMIC_SKILLS_API_KEY', 'OPENAI_API_KEY'];
/** The credentials the CLI may be given in its environment: the API keys and the MCP server's bearer token. */
export const secretVariables = [...apiKeyVariables, 'ATOMIC_SKILLS_MCP_TOKEN'];

export function cliApiKey(env: NodeJS.ProcessEnv): string | undefined {
  return env.ATOMIC_SKILLS_API_KEY || env.OPENAI_API_KEY || undefined;
}

/**
 * A copy of `env` for the CLI to read, after removing the credential variables (secretVariables)
 * from `env` itself (process.env), so git and whatever else inherits our environment never gets
 * them. /proc/<pid>/environ keeps the environment the process started with:
 * scrubInitialEnvironment clears them there.
 */
export function takeApiKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of secretVariables) delete env[name];
  return copy;
}

/** `status`: where the model's waits (retries, rate-limit pauses) are reported; stderr even with --json, so a slow server is never silent. */
export async function cliModel(settings: Settings, env: NodeJS.ProcessEnv, status?: (message: string) => void): Promise<ChatModel> {
  const apiKey = cliApiKey(env);
  const timeoutMs = Math.min(settings.model.requestTimeoutMs, 10_000);
  const model = await resolveModel(settings, {
    apiKey,
    discoverLocal: () => probeLocalServers({ timeoutMs: 1500 }),
    listModels: (baseUrl, key) => listModels(baseUrl, { apiKey: key, timeoutMs }),
    createOpenAi: (o) => new OpenAiCompatibleModel(o),
  });
  return reportingWaits(model, status);
}
