import { AtomicError } from '../core/errors';
import { applyCommand } from './applyCommand';
import type { CliModelOptions } from './cliModel';
import { editCommand } from './editCommand';
import { exportCommand } from './exportCommand';
import { closestNames } from './flagSuggestions';
import { indexCommand } from './indexCommand';
import { localizeCommand } from './localizeCommand';
import { mcpCommand } from '../mcp/mcpCommand';
import { mutateCommand } from './mutateCommand';
import { splitTarget } from './targetFlag';
import { repoFile } from './commandPaths';
import { repoFolder } from './repoFolder';
import { reviewCommand } from './reviewCommand';
import { reproduceCommand, testCommand } from './testCommand';
import { workflowCommand } from './workflowCommand';

/** Every flag any subcommand takes (node:util parseArgs options). */
export const cliOptions = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  staged: { type: 'boolean' },
  intent: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  'fail-on-no': { type: 'boolean' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  timeout: { type: 'string' },
  'reply-timeout': { type: 'string' },
  'max-tool-turns': { type: 'string' },
  issue: { type: 'string' },
  top: { type: 'string' },
  'retrieval-only': { type: 'boolean' },
  format: { type: 'string' },
  skill: { type: 'string' },
  since: { type: 'string' },
  out: { type: 'string' },
  store: { type: 'string' },
  plan: { type: 'string' },
  'dry-run': { type: 'boolean' },
  partial: { type: 'boolean' },
  'allow-unsafe-paths': { type: 'boolean' },
  instruction: { type: 'string' },
  files: { type: 'string' },
  target: { type: 'string' },
  tests: { type: 'string' },
  mutants: { type: 'string' },
  'no-sandbox': { type: 'boolean' },
  behaviour: { type: 'string' },
  'test-file': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  keep: { type: 'boolean' },
  workflow: { type: 'string' },
  apply: { type: 'boolean' },
  http: { type: 'string' },
  'allow-project-tests': { type: 'boolean' },
} as const;

type Flag = keyof typeof cliOptions;
const modelOptions: Flag[] = ['base-url', 'model', 'timeout', 'reply-timeout', 'max-tool-turns'];

/** The flags each command takes (besides --help and --version); any other is refused, never ignored. */
export const commandFlags: Record<string, readonly Flag[]> = {
  review: ['repo', 'base', 'head', 'staged', 'intent', 'json', 'markdown', 'fail-on-no', ...modelOptions],
  index: ['repo', 'json'],
  localize: ['repo', 'issue', 'top', 'retrieval-only', 'json', ...modelOptions],
  apply: ['repo', 'plan', 'dry-run', 'partial', 'json', 'allow-unsafe-paths'],
  edit: ['repo', 'instruction', 'files', 'dry-run', 'json', ...modelOptions],
  test: ['repo', 'target', 'behaviour', 'test-file', 'mutants', 'dry-run', 'yes', 'json', ...modelOptions],
  reproduce: ['repo', 'issue', 'keep', 'yes', 'json', ...modelOptions],
  fix: ['repo', 'issue', 'apply', 'out', 'yes', 'json', ...modelOptions],
  run: ['workflow', 'repo', 'issue', 'apply', 'out', 'yes', 'json', ...modelOptions],
  mutate: ['repo', 'target', 'tests', 'mutants', 'timeout', 'no-sandbox', 'json'],
  export: ['format', 'out', 'skill', 'since', 'store'],
  mcp: ['repo', 'http', 'allow-project-tests', ...modelOptions],
};

/** Refuses a flag the command does not take (a --dry-run that `run` would ignore must not pass silently). */
export function checkFlags(command: string, values: Record<string, unknown>): void {
  const allowed = commandFlags[command] ?? [];
  const extra = Object.keys(values).filter((k) => k !== 'help' && k !== 'version' && !(allowed as readonly string[]).includes(k));
  if (extra.length) {
    const near = closestNames(extra[0], allowed).map((f) => `--${f}`);
    const hint = near.length ? ` Did you mean ${near.join(' or ')}?` : '';
    throw new AtomicError('usage', `${command} does not take ${extra.map((f) => `--${f}`).join(', ')}.${hint} Its options: ${allowed.map((f) => `--${f}`).join(' ')}.`);
  }
}

export type CliValues = { [K in keyof typeof cliOptions]?: (typeof cliOptions)[K]['type'] extends 'boolean' ? boolean : string };

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Whether standard output is a terminal (text may then be styled). */
  stdoutIsTerminal?: boolean;
}

export function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new AtomicError('usage', `--${name} must be a number above 0.`);
  return n;
}

/** A count: a whole number of at least `min`. */
export function countFlag(value: string | undefined, name: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new AtomicError('usage', `--${name} must be a whole number of at least ${min}.`);
  return n;
}

export function modelFlags(values: CliValues): CliModelOptions {
  return {
    baseUrl: values['base-url'],
    model: values.model,
    timeoutSeconds: numberFlag(values.timeout, 'timeout'),
    replyTimeoutSeconds: numberFlag(values['reply-timeout'], 'reply-timeout'),
    maxToolTurns: countFlag(values['max-tool-turns'], 'max-tool-turns', 0),
  };
}

const need = (value: string | undefined, message: string): string => {
  if (!value?.trim()) throw new AtomicError('usage', message);
  return value;
};

/** --target FILE[:SYMBOL]: the file by the CLI's path rule (commandPaths), the symbol kept. */
function targetFlag(root: string, given: string): string {
  const { file, symbol } = splitTarget(given);
  const relative = repoFile(root, '--target', file);
  return symbol ? `${relative}:${symbol}` : relative;
}

function runWorkflowCommand(workflow: string, values: CliValues, io: CliIo): Promise<number> {
  const issue = need(values.issue, `${workflow === 'fix' ? 'fix' : 'run'} needs --issue FILE (or - for standard input).`);
  return workflowCommand({ repo: values.repo ?? '.', workflow, issue, json: values.json ?? false, yes: values.yes ?? false, apply: values.apply ?? false, out: values.out, ...modelFlags(values) }, io);
}

/** The subcommands: each checks its flags and runs its module. */
export const cliCommands: Record<string, (values: CliValues, io: CliIo) => Promise<number>> = {
  review(values, io) {
    if (values.staged && values.base) throw new AtomicError('usage', '--staged and --base cannot be combined.');
    if (values.head && !values.base) throw new AtomicError('usage', '--head needs --base.');
    const scope = values.staged ? 'staged' : values.base ? 'range' : 'uncommitted';
    return reviewCommand(
      { repo: values.repo ?? '.', input: { scope, base: values.base, head: values.head, intent: values.intent }, json: values.json ?? false, markdown: values.markdown ?? false, failOnNo: values['fail-on-no'] ?? false, ...modelFlags(values) },
      io,
    );
  },
  index: (values, io) => indexCommand({ repo: values.repo ?? '.', json: values.json ?? false }, io),
  localize(values, io) {
    const issue = need(values.issue, 'localize needs --issue FILE (or - for standard input).');
    const top = countFlag(values.top, 'top') ?? 10;
    return localizeCommand({ repo: values.repo ?? '.', issue, top, retrievalOnly: values['retrieval-only'] ?? false, json: values.json ?? false, ...modelFlags(values) }, io);
  },
  apply(values, io) {
    const plan = need(values.plan, 'apply needs --plan FILE (or - for standard input).');
    const flags = { dryRun: values['dry-run'] ?? false, partial: values.partial ?? false, json: values.json ?? false, allowUnsafePaths: values['allow-unsafe-paths'] ?? false };
    return applyCommand({ repo: values.repo ?? '.', plan, ...flags }, io);
  },
  edit(values, io) {
    const instruction = need(values.instruction, 'edit needs --instruction TEXT.');
    const root = repoFolder(values.repo ?? '.');
    const files = (values.files ?? '').split(',').map((f) => f.trim()).filter(Boolean).map((f) => repoFile(root, '--files', f));
    return editCommand({ repo: values.repo ?? '.', instruction, files, dryRun: values['dry-run'] ?? false, json: values.json ?? false, ...modelFlags(values) }, io);
  },
  mutate(values, io) {
    const given = need(values.target, 'mutate needs --target FILE[:SYMBOL] (the code to mutate).');
    const testsGiven = need(values.tests, 'mutate needs --tests FILE (the test file that should catch the mutants).');
    const mutants = countFlag(values.mutants, 'mutants') ?? 30;
    const timeoutSeconds = numberFlag(values.timeout, 'timeout') ?? 300;
    const root = repoFolder(values.repo ?? '.');
    const target = targetFlag(root, given);
    const tests = repoFile(root, '--tests', testsGiven);
    return mutateCommand({ repo: values.repo ?? '.', target, tests, mutants, timeoutSeconds, sandbox: !values['no-sandbox'], json: values.json ?? false }, io);
  },
  test(values, io) {
    const given = need(values.target, 'test needs --target FILE[:SYMBOL] (the code to test).');
    const mutants = countFlag(values.mutants, 'mutants') ?? 12;
    const root = repoFolder(values.repo ?? '.');
    const target = targetFlag(root, given);
    const testFile = values['test-file'] === undefined ? undefined : repoFile(root, '--test-file', values['test-file'], 'new');
    return testCommand(
      { repo: values.repo ?? '.', target, behaviour: values.behaviour, testFile, mutants, json: values.json ?? false, yes: values.yes ?? false, write: !values['dry-run'], ...modelFlags(values) },
      io,
    );
  },
  reproduce(values, io) {
    const issue = need(values.issue, 'reproduce needs --issue FILE (or - for standard input).');
    return reproduceCommand({ repo: values.repo ?? '.', issue, json: values.json ?? false, yes: values.yes ?? false, write: values.keep ?? false, ...modelFlags(values) }, io);
  },
  fix: (values, io) => runWorkflowCommand('fix', values, io),
  run(values, io) {
    return runWorkflowCommand(need(values.workflow, 'run needs --workflow NAME (fix, refactor, secure, addTests, or one in .atomic/workflows).'), values, io);
  },
  mcp: (values, io) =>
    mcpCommand({ repo: values.repo, httpPort: values.http === undefined ? undefined : countFlag(values.http, 'http', 0), allowProjectTests: values['allow-project-tests'] ?? false, ...modelFlags(values) }, io),
  export: (values, io) => exportCommand({ format: values.format, out: values.out, skill: values.skill, since: values.since, store: values.store }, io),
};
