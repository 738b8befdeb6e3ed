import { formatCommandLine } from './commandLine';

/** Stands for one workspace-relative file argument in a stored pattern. */
export const fileArgument = '<file>';

/** A command the user allowed for a workspace: whole argument lists, never prefixes. */
export interface CommandPattern {
  argv: string[];
}

/** A workspace-relative path that cannot be read as an option or climb out: what `<file>` accepts. */
function isPlainRelativePath(arg: string): boolean {
  if (!arg || arg.startsWith('-') || arg.startsWith('/') || /^[a-zA-Z]:/.test(arg) || arg.includes('\\')) return false;
  return arg.split('/').every((s) => s !== '..' && s !== '');
}

/**
 * True when `argv` is the pattern's command: the same number of arguments, each equal, except
 * that `<file>` takes one plain workspace-relative path (`test/a.test.js`, `tests/test_x.py::test_y`).
 * `npm test` allowed never allows `npm test -- --evil` or `npm install`.
 */
export function matchesPattern(pattern: CommandPattern, argv: readonly string[]): boolean {
  if (pattern.argv.length !== argv.length) return false;
  return pattern.argv.every((p, i) => (p === fileArgument ? isPlainRelativePath(argv[i].split('::')[0]) : p === argv[i]));
}

/** The pattern "always allow" stores: the command with the given argument positions generalised to `<file>`. */
export function patternFor(argv: readonly string[], fileArgumentIndexes: readonly number[] = []): CommandPattern {
  return { argv: argv.map((a, i) => (fileArgumentIndexes.includes(i) && isPlainRelativePath(a.split('::')[0]) ? fileArgument : a)) };
}

export function describePattern(pattern: CommandPattern): string {
  return formatCommandLine(pattern.argv).replace(/'<file>'/g, '<file>');
}

export function isAllowed(patterns: readonly CommandPattern[], argv: readonly string[]): boolean {
  return patterns.some((p) => matchesPattern(p, argv));
}

/**
 * Whether a command may run without asking. A command the model wrote never matches a stored
 * pattern: the same command line can run a different script each time, and a pattern stored for
 * a framework's test command (`node --test <file>`) would otherwise let a model-written script
 * through. Within one skill run, a command already approved in that run runs again unasked.
 */
export function runsWithoutAsking(patterns: readonly CommandPattern[], argv: readonly string[], modelProposed: boolean, approvedThisRun: readonly (readonly string[])[]): boolean {
  const same = (a: readonly string[]) => a.length === argv.length && a.every((arg, i) => arg === argv[i]);
  if (approvedThisRun.some(same)) return true;
  return !modelProposed && isAllowed(patterns, argv);
}
