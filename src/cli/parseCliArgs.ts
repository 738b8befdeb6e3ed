import { parseArgs } from 'node:util';
import { AtomicError } from '../core/errors';
import { cliOptions, commandNames, findCommand } from './cliCommands';
import { unknownCommandMessage, unknownFlagMessage } from './flagSuggestions';

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** The flags a command takes, as named in a suggestion (every flag when there is no command). */
function flagsOf(command: string | undefined): string[] {
  const found = findCommand(command);
  return found ? ['help', ...found.flags.map((f) => f.name)] : Object.keys(cliOptions);
}

/** A string flag given no value, or followed by another flag where its value should be. */
function valueProblem(tokens: Token[]): string | undefined {
  for (const t of tokens) {
    if (t.kind !== 'option' || !has(cliOptions, t.name)) continue;
    const type = cliOptions[t.name].type;
    if (type === 'boolean' && t.inlineValue) return `${t.rawName} takes no value (got ${t.rawName}=${t.value}).`;
    if (type !== 'string') continue;
    if (t.value === undefined) return `${t.rawName} needs a value.`;
    if (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-')) {
      return `${t.rawName} is followed by ${t.value}, not by its value; to give a value that starts with "-", write ${t.rawName}=${t.value}.`;
    }
  }
  return undefined;
}

/**
 * The command line as values and positionals (node:util parseArgs over every flag), with the
 * parser's own errors replaced by ours: an unknown command or flag names the nearest known one
 * ("did you mean"), or lists them; a flag without its value says which.
 */
export function parseCliArgs(argv: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const { tokens } = parseArgs({ args: argv, options: cliOptions, strict: false, allowPositionals: true, tokens: true });
  const words = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  // A command of two words (`skills install`) is one command and one positional.
  const twoWords = words.length > 1 && findCommand(`${words[0]} ${words[1]}`) !== undefined;
  const command = twoWords ? `${words[0]} ${words[1]}` : words[0];
  const helpOrVersion = tokens.some((t) => t.kind === 'option' && (t.name === 'help' || t.name === 'version'));
  if (command !== undefined && !findCommand(command) && !helpOrVersion) throw new AtomicError('usage', unknownCommandMessage(command, commandNames));
  const known = findCommand(command) ? command : undefined;
  const unknown = tokens.find((t) => t.kind === 'option' && !has(cliOptions, t.name));
  if (unknown?.kind === 'option') throw new AtomicError('usage', unknownFlagMessage(unknown.rawName, known, flagsOf(known)));
  const problem = valueProblem(tokens);
  if (problem) throw new AtomicError('usage', problem);
  const parsed = parseArgs({ args: argv, options: cliOptions, allowPositionals: true });
  return twoWords ? { values: parsed.values, positionals: [command!, ...parsed.positionals.slice(2)] } : parsed;
}
