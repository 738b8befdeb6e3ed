/**
 * "Did you mean" for mistyped flags and subcommands: the nearest known names by edit distance,
 * where swapping two neighbouring letters ("retreival") counts as one edit.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known names close enough to `word` to be what was meant, best first: within a third of
 * its length in edits (at least one, at most three), or a name it is the start of ("--retrieval").
 */
export function closestNames(word: string, known: readonly string[]): string[] {
  const w = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  const scored = known
    .map((name) => ({ name, distance: editDistance(w, name.toLowerCase()) }))
    .map((s) => ({ ...s, distance: w.length >= 3 && s.name.toLowerCase().startsWith(w) ? Math.min(s.distance, 1) : s.distance }))
    .filter((s) => s.distance <= limit)
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  if (!scored.length) return [];
  return scored.filter((s) => s.distance === scored[0].distance).slice(0, 3).map((s) => s.name);
}

const orList = (names: string[]) => (names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

/**
 * `unknown flag --retreival-only for "localize"; did you mean --retrieval-only?`, or, when no
 * flag is close, the command's flags. `flags` are names without dashes; `command` may be absent.
 */
export function unknownFlagMessage(rawFlag: string, command: string | undefined, flags: readonly string[]): string {
  const name = rawFlag.replace(/^-+/, '').split('=')[0];
  const where = command ? ` for "${command}"` : '';
  const near = closestNames(name, flags).map((f) => `--${f}`);
  if (near.length) return `unknown flag ${rawFlag}${where}; did you mean ${orList(near)}?`;
  return `unknown flag ${rawFlag}${where}. ${command ? `Its flags: ${flags.map((f) => `--${f}`).join(' ')}` : 'Run atomic-skills --help for the commands and their flags'}.`;
}

/** `unknown command "reveiw"; did you mean review?`, or the list of commands. */
export function unknownCommandMessage(command: string, commands: readonly string[]): string {
  const near = closestNames(command, commands);
  if (near.length) return `unknown command "${command}"; did you mean ${orList(near)}?`;
  return `unknown command "${command}". The commands: ${commands.join(', ')} (atomic-skills --help describes them).`;
}
