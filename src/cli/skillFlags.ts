import type { AnySkill } from '../core/skills/registry';
import type { CliIo } from './cliIo';
import type { CliPresenter, PropertyFlag, PropertySource } from './cliPresenter';
import { countFlag, numberFlag, stringFlag, type CliValues, type FlagSpec } from './cliFlags';
import { inputFile, readInputText, repoFile } from './commandPaths';
import { AtomicError } from '../core/errors';

interface SchemaProperty {
  type?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  items?: { type?: string };
}

/** An input property the CLI takes as a flag. */
export interface InputFlag extends FlagSpec {
  property: string;
  from: PropertySource;
  schemaType: string;
  required: boolean;
  minimum?: number;
  maximum?: number;
}

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function placeholder(from: PropertySource, type: string, enumValues?: string[]): string | undefined {
  if (type === 'boolean') return undefined;
  if (from === 'textFile') return 'FILE|-';
  if (from === 'repoFiles') return 'A,B';
  if (from === 'newRepoFile') return 'PATH';
  if (enumValues) return enumValues.join('|');
  return type === 'integer' || type === 'number' ? 'N' : 'TEXT';
}

/** The flags generated from a skill's input schema: one per property of a type a command line can give (strings, numbers, booleans, lists). */
export function inputFlags(skill: AnySkill, presenter: CliPresenter): InputFlag[] {
  const schema = skill.inputSchema as { properties?: Record<string, SchemaProperty>; required?: string[] };
  const flags: InputFlag[] = [];
  for (const [property, spec] of Object.entries(schema.properties ?? {})) {
    if (presenter.omit?.includes(property)) continue;
    const given: PropertyFlag = (presenter.properties as Record<string, PropertyFlag> | undefined)?.[property] ?? {};
    const list = spec.type === 'array' && spec.items?.type === 'string';
    if (!list && !['string', 'integer', 'number', 'boolean'].includes(spec.type ?? '')) continue;
    const from = given.from ?? (list ? 'repoFiles' : 'value');
    const schemaType = spec.type ?? 'string';
    flags.push({
      name: given.flag ?? kebab(property),
      type: schemaType === 'boolean' ? 'boolean' : 'string',
      value: given.value ?? placeholder(from, schemaType, spec.enum),
      description: spec.description ?? '',
      property,
      from,
      schemaType,
      required: schema.required?.includes(property) ?? false,
      minimum: spec.minimum,
      maximum: spec.maximum,
    });
  }
  return flags;
}

/** The skill's input from its generated flags, except the texts read from files (readTextFlags): each value converted as its schema and source say; a missing required one is a usage error. */
export function inputFromFlags(command: string, flags: InputFlag[], values: CliValues, root: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of flags) {
    const raw = values[f.name];
    if (raw === undefined) {
      if (f.required) throw new AtomicError('usage', `${command} needs --${f.name} ${f.value ?? ''}`.trimEnd() + `${f.from === 'textFile' ? ' (a file, or - for standard input)' : ''}.`);
      continue;
    }
    const text = stringFlag(values, f.name) ?? '';
    const flag = `--${f.name}`;
    if (f.schemaType === 'boolean') input[f.property] = raw === true;
    else if (f.from === 'textFile') inputFile(flag, text);
    else if (f.from === 'repoFiles') input[f.property] = text.split(',').map((p) => p.trim()).filter(Boolean).map((p) => repoFile(root, flag, p));
    else if (f.from === 'newRepoFile') input[f.property] = repoFile(root, flag, text, 'new');
    else if (f.schemaType === 'integer') input[f.property] = countFlag(text, f.name, f.minimum ?? 1, f.maximum);
    else if (f.schemaType === 'number') input[f.property] = numberFlag(text, f.name);
    else {
      if (f.required && !text.trim()) throw new AtomicError('usage', `${flag} is empty.`);
      input[f.property] = text;
    }
  }
  return input;
}

/** Reads the texts given as FILE (or - for standard input) into the input; last, so nothing waits on standard input before every other flag is checked. */
export async function readTextFlags(flags: InputFlag[], values: CliValues, input: Record<string, unknown>, io: CliIo): Promise<void> {
  for (const f of flags) {
    const given = stringFlag(values, f.name);
    if (f.from !== 'textFile' || given === undefined) continue;
    const text = await readInputText(`--${f.name}`, given, io.stdin ?? process.stdin);
    if (!text.trim()) throw new AtomicError('usage', `The text of --${f.name} is empty.`);
    input[f.property] = text;
  }
}
