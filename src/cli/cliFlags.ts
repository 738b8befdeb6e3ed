import { AtomicError } from '../core/errors';
import type { CliModelOptions } from './cliModel';

/** One flag of a command: its node:util parseArgs type and what --help says of it. */
export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  /** The value's placeholder in --help (FILE, TEXT, N). */
  value?: string;
  description: string;
  short?: string;
}

/** The flags' values as parsed (strings and booleans; absent when not given). */
export type CliValues = Record<string, string | boolean | undefined>;

export const helpFlag: FlagSpec = { name: 'help', type: 'boolean', short: 'h', description: 'Print this help.' };
export const versionFlag: FlagSpec = { name: 'version', type: 'boolean', short: 'v', description: 'Print the version.' };
export const repoFlag: FlagSpec = { name: 'repo', type: 'string', value: 'DIR', description: 'The repository (or folder) to work on; default the current folder.' };
export const jsonFlag: FlagSpec = { name: 'json', type: 'boolean', description: 'Print the typed result as JSON.' };
export const yesFlag: FlagSpec = { name: 'yes', type: 'boolean', short: 'y', description: 'Allow running model-written code without asking (else asked at a terminal, refused without one).' };
export const dryRunFlag: FlagSpec = { name: 'dry-run', type: 'boolean', description: 'Write nothing; print what would be written.' };

/** Where the model is and how long to wait for it: every command that asks a model takes these. */
export const modelFlagSpecs: FlagSpec[] = [
  { name: 'base-url', type: 'string', value: 'URL', description: 'OpenAI-compatible endpoint (ATOMIC_SKILLS_BASE_URL).' },
  { name: 'model', type: 'string', value: 'NAME', description: 'Model id at the endpoint (ATOMIC_SKILLS_MODEL).' },
  { name: 'timeout', type: 'string', value: 'SECONDS', description: 'Wait per attempt for the model to answer or to send more; empty events do not count (default 60; ATOMIC_SKILLS_TIMEOUT_SECONDS).' },
  { name: 'reply-timeout', type: 'string', value: 'SECONDS', description: 'Limit of a whole model call, retries included (default 600; ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS).' },
  { name: 'max-tool-turns', type: 'string', value: 'N', description: 'File reads/searches allowed before answering.' },
];

export function stringFlag(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function booleanFlag(values: CliValues, name: string): boolean {
  return values[name] === true;
}

/** A required flag: its value, or a usage error saying what the command needs. */
export function requiredFlag(values: CliValues, name: string, message: string): string {
  const v = stringFlag(values, name);
  if (!v?.trim()) throw new AtomicError('usage', message);
  return v;
}

export function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new AtomicError('usage', `--${name} must be a number above 0.`);
  return n;
}

/** A count: a whole number of at least `min` (and at most `max`, when given). */
export function countFlag(value: string | undefined, name: string, min = 1, max?: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new AtomicError('usage', `--${name} must be a whole number of at least ${min}.`);
  if (max !== undefined && n > max) throw new AtomicError('usage', `--${name} must be at most ${max}.`);
  return n;
}

export function modelFlags(values: CliValues): CliModelOptions {
  return {
    baseUrl: stringFlag(values, 'base-url'),
    model: stringFlag(values, 'model'),
    timeoutSeconds: numberFlag(stringFlag(values, 'timeout'), 'timeout'),
    replyTimeoutSeconds: numberFlag(stringFlag(values, 'reply-timeout'), 'reply-timeout'),
    maxToolTurns: countFlag(stringFlag(values, 'max-tool-turns'), 'max-tool-turns', 0),
  };
}
