import * as readline from 'node:readline/promises';
import { AtomicError } from '../core/errors';
import { runProcess } from '../core/run/runProcess';
import { vetCommand } from '../core/run/vetCommand';
import { shellSyntaxNote } from '../core/run/shellWrapper';
import { sandboxedText } from '../core/run/sandboxNotice';
import type { CommandRunner } from '../core/ports/commandRunner';

/** Whether there is a terminal to ask the user at (both the input and the prompt's output). */
export function atTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * The CLI's command runner: model-written code runs only with the user's yes, given once per
 * command line either with --yes or at a terminal prompt; without a terminal and without --yes
 * it is refused with the flag to use. Runs are sandboxed where bubblewrap works; one that is
 * not is said so on stderr before it starts (in the prompt, or a line of its own with --yes)
 * and after it ends.
 */
export function cliCommandRunner(yes: boolean, io: { err: (s: string) => void; input?: NodeJS.ReadableStream; interactive?: boolean }): CommandRunner {
  const allowed = new Set<string>();
  return async (request, why) => {
    const { line, warning } = await vetCommand(request, why);
    if (!yes && !allowed.has(line)) {
      const interactive = io.interactive ?? atTerminal();
      if (!interactive) throw new AtomicError('usage', `Refusing to ${why.purpose} (${line}) without consent: pass --yes to allow running model-written code.`);
      const rl = readline.createInterface({ input: io.input ?? process.stdin, output: process.stderr });
      try {
        const note = shellSyntaxNote(request.argv);
        const answer = await rl.question(`${why.purpose[0].toUpperCase()}${why.purpose.slice(1)}: ${line}\n  in ${request.cwd}\n  ${warning ?? sandboxedText}${note ? `\n  ${note}` : ''}\nRun it? [y/N] `);
        if (!/^y(es)?$/i.test(answer.trim())) throw new AtomicError('cancelled', `Not run: you declined ${line}.`);
      } finally {
        rl.close();
      }
      allowed.add(line);
    } else if (warning) io.err(`atomic-skills: running ${line} in ${request.cwd}. ${warning}`);
    const result = await runProcess(request);
    if (!result.sandboxed) io.err(`atomic-skills: ${line} ran without a sandbox (${result.timedOut ? 'timed out' : `exit ${result.exitCode ?? result.signal}`}, ${(result.durationMs / 1000).toFixed(1)} s).`);
    return result;
  };
}

/**
 * For a command whose whole point is to run model-written code (test, reproduce): without --yes
 * and without a terminal to ask at, refuse before asking the model anything.
 */
export function refuseWithoutConsent(yes: boolean, purpose: string, interactive = atTerminal()): void {
  if (!yes && !interactive) throw new AtomicError('usage', `Refusing to ${purpose} without consent: there is no terminal to ask at, so pass --yes to allow running model-written code.`);
}
