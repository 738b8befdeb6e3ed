import './cli/nodeVersionGuard';
import * as os from 'node:os';
import { AtomicError, errorMessage } from './core/errors';
import { checkFlags, cliCommands, commandNames, findCommand } from './cli/cliCommands';
import { rememberSecret } from './core/feedback/knownSecrets';
import { redactCredentials } from './core/feedback/redactText';
import { exitCodeOfError } from './cli/exitCodes';
import { unknownCommandMessage } from './cli/flagSuggestions';
import { parseCliArgs } from './cli/parseCliArgs';
import { secretVariables, takeApiKeys } from './cli/cliModel';
import { scrubInitialEnvironment } from './cli/initialEnvironment';
import { cliWording } from './cli/cliWording';
import { commandHelp, helpText } from './cli/help';
import { version } from '../package.json';

export async function main(argv: string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
  // Every stderr line (errors, warnings, progress) loses the credentials this process holds; stdout carries results
  // (patches, JSON) that must stay exact, and gets error text only from errorMessage and AtomicError, both redacted.
  const err = (s: string) => process.stderr.write(redactCredentials(s.endsWith('\n') ? s : s + '\n'));
  for (const name of secretVariables) rememberSecret(env[name], name.endsWith('TOKEN') ? 'token' : 'api-key');
  try {
    const { values, positionals } = parseCliArgs(argv);
    if (values.version) return out(version), 0;
    const command = positionals[0];
    const found = findCommand(command);
    if (values.help && found) return out(commandHelp(found)), 0;
    if (values.help || !command) return out(helpText(cliCommands)), values.help ? 0 : 2;
    if (!found) throw new AtomicError('usage', unknownCommandMessage(command, commandNames));
    if (positionals.length > 1) throw new AtomicError('usage', `Unexpected argument "${positionals[1]}".`);
    checkFlags(found, values);
    return await found.run(values, { out, err, env, signal, stdoutIsTerminal: Boolean(process.stdout.isTTY) });
  } catch (e) {
    err(`atomic-skills: ${cliWording(errorMessage(e))}`);
    if (e instanceof AtomicError && e.detail) err(e.detail);
    return exitCodeOfError(e);
  }
}

if (require.main === module) {
  const controller = new AbortController();
  // The first SIGINT or SIGTERM cancels the run, so it restores what it changed (an MCP session labels its
  // proposals); a second one, or 10 s without ending, exits at once.
  const stop = (name: NodeJS.Signals) => {
    const code = 128 + (os.constants.signals[name] ?? 15);
    if (controller.signal.aborted) process.exit(code);
    controller.abort();
    setTimeout(() => process.exit(code), 10_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const env = takeApiKeys(process.env);
  if (secretVariables.some((name) => env[name]) && !scrubInitialEnvironment(secretVariables)) {
    process.stderr.write(`atomic-skills: warning: the API key or MCP token could not be cleared from /proc/${process.pid}/environ; a program run without the sandbox can read it there.\n`);
  }
  main(process.argv.slice(2), env, controller.signal).then((code) => {
    process.exitCode = code;
  });
}
