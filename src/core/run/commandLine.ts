/**
 * Splits a command line into arguments the way a POSIX shell's word splitting does for the
 * simple cases a model or a user writes: spaces separate, single quotes are literal, double
 * quotes and backslashes escape. Shell operators (pipes, redirections, `;`, `&&`, `$(…)`,
 * backticks, globs) are refused, because commands are run without a shell.
 */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('Unterminated single quote in the command.');
      current += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        else if (line[j] === '$' || line[j] === '`') throw new Error('Command substitution and variables are not supported: commands run without a shell.');
        current += line[j];
      }
      if (j >= line.length) throw new Error('Unterminated double quote in the command.');
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else if ('|&;<>()$`*?[]{}~'.includes(c) && !(c === '~' && inWord)) {
      throw new Error(`The command uses "${c}", a shell feature; commands run without a shell. Write a script file and run that instead.`);
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) args.push(current);
  return args;
}

/** One argument as a shell would need it written: quoted only when it has to be. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command as one line a user can read and paste into a shell. */
export function formatCommandLine(argv: readonly string[]): string {
  return argv.map(quote).join(' ');
}
