import * as path from 'node:path';

/**
 * Commands run without a shell, and a model-written command is checked for shell syntax before it
 * runs (splitCommandLine). A shell started with a command string (`sh -c '… | …'`) would bring all
 * of it back inside one quoted argument: pipes, redirections, `&&`, background jobs that outlive the
 * run, `$(…)`. Such wrappers are refused in what a model proposes; the model is told to put the
 * commands into its script file instead, where they are shown, journaled and removed with it.
 */

const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'yash', 'fish', 'csh', 'tcsh', 'rbash', 'pwsh', 'powershell', 'cmd']);
/** Programs that run the program named after them (with their own options first). */
const launchers = new Set(['env', 'nice', 'nohup', 'timeout', 'stdbuf', 'setsid', 'ionice', 'time', 'command', 'exec', 'xargs', 'sudo', 'doas', 'chrt', 'taskset', 'unbuffer', 'busybox']);

const programName = (arg: string) => path.basename(arg.replace(/\\/g, '/')).toLowerCase().replace(/\.exe$/, '');

/** Whether a shell's arguments (after its name) make it run a command string rather than a script file. */
function runsCommandString(shell: string, args: readonly string[]): boolean {
  if (shell === 'cmd') return args.some((a) => /^\/[ck]$/i.test(a));
  if (shell === 'pwsh' || shell === 'powershell') return args.some((a) => /^-(c|command|e|ec|encodedcommand)$/i.test(a));
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (/^[-+][oO]$/.test(a)) {
      k++; // -o pipefail, +O extglob: an option with its value
      continue;
    }
    if (a === '--command' || a === '-c') return true;
    if (/^-[a-z]*c[a-z]*$/i.test(a) && !a.startsWith('--')) return true; // -ec, -xc, -lc …
    if (a === '--' || !a.startsWith('-') && !a.startsWith('+')) return false; // the script file: what follows is its arguments
  }
  return false;
}

/**
 * Why a model-written command must not run as is: it is a shell given a command string, directly
 * or behind a launcher (`env`, `timeout 5`, `nice -n 5`, `busybox sh` …), or `env -S`, which splits
 * a string into a new command line. Undefined when it is a plain program invocation.
 */
export function shellWrapperProblem(argv: readonly string[]): string | undefined {
  let i = 0;
  while (i < argv.length && launchers.has(programName(argv[i]))) {
    const launcher = programName(argv[i++]);
    // The launcher's own options and values (timeout's duration, nice's -n 5, env's NAME=value).
    while (i < argv.length && (argv[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]) || /^\d+(\.\d+)?[smhd]?$/.test(argv[i]))) {
      if (launcher === 'env' && (/^-[a-zA-Z]*S/.test(argv[i]) || argv[i].startsWith('--split-string'))) {
        return 'The command uses env -S, which splits a string into a new command line as a shell would; commands run without a shell. Put the commands into the script file and run that.';
      }
      i++;
    }
  }
  // Behind a launcher the arguments' shape is the launcher's (sudo -u USER, xargs -n 1 …): look at each one then.
  const from = i > 0 ? argv.findIndex((a, k) => k >= 1 && shells.has(programName(a)) && runsCommandString(programName(a), argv.slice(k + 1))) : i < argv.length && shells.has(programName(argv[i])) && runsCommandString(programName(argv[i]), argv.slice(i + 1)) ? i : -1;
  if (from < 0) return undefined;
  return `The command runs ${programName(argv[from])} with a command string (${argv.slice(from).join(' ').slice(0, 80)}): a shell that would interpret pipes, redirections and && itself, and commands run without a shell. Put those commands into the script file and run it directly (for example: sh repro.sh).`;
}

/** For a consent prompt: shell syntax that reaches the program as plain text, since there is no shell. */
export function shellSyntaxNote(argv: readonly string[]): string | undefined {
  const marks = [...new Set(argv.join(' ').match(/\|\||&&|[|&;<>$`*?]/g) ?? [])];
  if (!marks.length) return undefined;
  return `No shell runs this command: ${marks.map((m) => `"${m}"`).join(', ')} in its arguments reach${marks.length === 1 ? 'es' : ''} the program as plain text, not as a pipe, redirection or operator.`;
}
