import type { SkillContext, SkillRun } from '../core/skills/skillTypes';
import type { CliIo } from './cliIo';
import type { CliValues, FlagSpec } from './cliFlags';

/** How a flag's value becomes an input property. */
export type PropertySource =
  /** as given (numbers and booleans parsed by the schema's type) */
  | 'value'
  /** a FILE (or - for standard input) whose text it is */
  | 'textFile'
  /** comma-separated files of the repository, by the CLI's path rule */
  | 'repoFiles'
  /** a file of the repository that must not be a folder (it may be new) */
  | 'newRepoFile';

export interface PropertyFlag {
  /** The flag's name; default the property's name in kebab case. */
  flag?: string;
  from?: PropertySource;
  /** The placeholder in --help; default from the source and type. */
  value?: string;
}

/** What a presenter's run-time hooks get: the flags, the repository, the run and the process. */
export interface PresentScope<Input> {
  values: CliValues;
  root: string;
  input: Input;
  run: SkillRun<unknown>;
  context: SkillContext;
  io: CliIo;
  json: boolean;
}

/**
 * What the CLI needs of a skill beyond its declaration: only where flags cannot be derived from
 * the input schema (a FILE read for a text, a review's scope from --staged/--base), files it
 * writes after a run, or an exit code that is not the check's. Everything is optional.
 */
export interface CliPresenter<Input = Record<string, unknown>, Output = unknown> {
  /** Other names of the subcommand (the old `test` for `tests`). */
  aliases?: string[];
  /** Input properties that get no flag of their own (the presenter's `input` sets them, or no surface here can). */
  omit?: string[];
  /** Flags of input properties whose name, source or placeholder is not the default. */
  properties?: Partial<Record<keyof Input & string, PropertyFlag>>;
  /** Flags beyond the input's own. */
  flags?: FlagSpec[];
  /** The CLI's own words after the declaration's description in `--help`: what is written, exit codes. */
  help?: string;
  /** Runs model-written code, for this purpose: without --yes and a terminal to ask at, refused before the model is asked. */
  runs?: string;
  /** Completes and checks the input from the flags before anything runs (throws usage errors). */
  input?(input: Partial<Input>, values: CliValues, root: string): Input | Promise<Input>;
  /** Whether this input asks a model at all (default: yes). */
  needsModel?(input: Input): boolean;
  /** After the run: writes what the flags ask for, prints, returns the exit code. Default: summary (or JSON), exit 0 when the check passed, else 1. */
  present?(result: Output, scope: PresentScope<Input>): Promise<number> | number;
}
