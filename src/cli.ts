import { parseArgs } from 'node:util';
import { AtomicError, errorMessage } from './core/errors';
import { helpText } from './cli/help';
import { reviewCommand } from './cli/reviewCommand';
import { indexCommand } from './cli/indexCommand';
import { localizeCommand } from './cli/localizeCommand';
import { exportCommand } from './cli/exportCommand';
import { applyCommand } from './cli/applyCommand';
import { editCommand } from './cli/editCommand';
import { version } from '../package.json';

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new AtomicError('usage', `--${name} must be a non-negative number.`);
  return n;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
  const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        repo: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        staged: { type: 'boolean' },
        intent: { type: 'string' },
        json: { type: 'boolean' },
        'fail-on-no': { type: 'boolean' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        timeout: { type: 'string' },
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
      },
    });
    if (values.version) return out(version), 0;
    const modelFlags = {
      baseUrl: values['base-url'],
      model: values.model,
      timeoutSeconds: numberFlag(values.timeout, 'timeout'),
      maxToolTurns: numberFlag(values['max-tool-turns'], 'max-tool-turns'),
    };
    const command = positionals[0];
    if (values.help || !command) return out(helpText), values.help ? 0 : 2;
    if (command === 'index' || command === 'localize') {
      if (positionals.length > 1) throw new AtomicError('usage', `Unexpected argument "${positionals[1]}".`);
      const io = { out, err, env, signal };
      const repo = values.repo ?? '.';
      if (command === 'index') return await indexCommand({ repo, json: values.json ?? false }, io);
      if (!values.issue) throw new AtomicError('usage', 'localize needs --issue FILE (or - for standard input).');
      const top = numberFlag(values.top, 'top') ?? 10;
      return await localizeCommand(
        {
          repo,
          issue: values.issue,
          top,
          retrievalOnly: values['retrieval-only'] ?? false,
          json: values.json ?? false,
          ...modelFlags,
        },
        io,
      );
    }
    if (command === 'apply') {
      if (positionals.length > 1) throw new AtomicError('usage', `Unexpected argument "${positionals[1]}".`);
      if (!values.plan) throw new AtomicError('usage', 'apply needs --plan FILE (or - for standard input).');
      const flags = { dryRun: values['dry-run'] ?? false, partial: values.partial ?? false, json: values.json ?? false, allowUnsafePaths: values['allow-unsafe-paths'] ?? false };
      return await applyCommand({ repo: values.repo ?? '.', plan: values.plan, ...flags }, { out, err, env, signal });
    }
    if (command === 'edit') {
      if (positionals.length > 1) throw new AtomicError('usage', `Unexpected argument "${positionals[1]}".`);
      if (!values.instruction?.trim()) throw new AtomicError('usage', 'edit needs --instruction TEXT.');
      const files = (values.files ?? '').split(',').map((f) => f.trim()).filter(Boolean);
      return await editCommand(
        {
          repo: values.repo ?? '.',
          instruction: values.instruction,
          files,
          dryRun: values['dry-run'] ?? false,
          json: values.json ?? false,
          ...modelFlags,
        },
        { out, err, env, signal },
      );
    }
    if (command !== 'review' && command !== 'export') throw new AtomicError('usage', `Unknown command "${command}". Run atomic-skills --help.`);
    if (positionals.length > 1) throw new AtomicError('usage', `Unexpected argument "${positionals[1]}".`);
    if (command === 'export') {
      return await exportCommand({ format: values.format, out: values.out, skill: values.skill, since: values.since, store: values.store }, { out, err, env });
    }
    if (values.staged && values.base) throw new AtomicError('usage', '--staged and --base cannot be combined.');
    if (values.head && !values.base) throw new AtomicError('usage', '--head needs --base.');
    return await reviewCommand(
      {
        repo: values.repo ?? '.',
        input: { scope: values.staged ? 'staged' : values.base ? 'range' : 'uncommitted', base: values.base, head: values.head, intent: values.intent },
        json: values.json ?? false,
        failOnNo: values['fail-on-no'] ?? false,
        ...modelFlags,
      },
      { out, err, env, signal },
    );
  } catch (e) {
    err(`atomic-skills: ${errorMessage(e)}`);
    if (e instanceof AtomicError && e.detail) err(e.detail);
    if (e instanceof AtomicError && e.reason === 'modelReplyMalformed') return 1;
    if (e instanceof AtomicError && e.reason === 'cancelled') return 130;
    return 2;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  main(process.argv.slice(2), process.env, controller.signal).then((code) => {
    process.exitCode = code;
  });
}
