import * as readline from 'node:readline/promises';
import { AtomicError } from '../core/errors';
import { formatCommandLine } from '../core/run/commandLine';
import { runProcess } from '../core/run/runProcess';
import { bubblewrap } from '../core/run/sandbox';
import { shellSyntaxNote, shellWrapperProblem } from '../core/run/shellWrapper';
import type { CommandRunner } from '../core/skills/skillTypes';

/** Whether there is a terminal to ask the user at (both the input and the prompt's output). */
export function atTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * The CLI's command runner: model-written code runs only with the user's yes, given once per
 * command line either with --yes or at a terminal prompt; without a terminal and without --yes
 * it is refused with the flag to use. Runs are sandboxed where bubblewrap works.
 */
export function cliCommandRunner(yes: boolean, io: { err: (s: string) => void; input?: NodeJS.ReadableStream; interactive?: boolean }): CommandRunner {
  const allowed = new Set<string>();
  return async (request, why) => {
    const line = formatCommandLine(request.argv);
    // The skill vets what a model proposes; this keeps the promise should a command reach here unvetted.
    const shell = why.modelProposed ? shellWrapperProblem(request.argv) : undefined;
    if (shell) throw new AtomicError('usage', `Refusing to ${why.purpose} (${line}): ${shell}`);
    if (!yes && !allowed.has(line)) {
      const interactive = io.interactive ?? atTerminal();
      if (!interactive) throw new AtomicError('usage', `Refusing to ${why.purpose} (${line}) without consent: pass --yes to allow running model-written code.`);
      const sandboxed = request.sandbox && (await bubblewrap());
      const rl = readline.createInterface({ input: io.input ?? process.stdin, output: process.stderr });
      try {
        const note = shellSyntaxNote(request.argv);
        const answer = await rl.question(`${why.purpose[0].toUpperCase()}${why.purpose.slice(1)}: ${line}\n  in ${request.cwd}${sandboxed ? ' (sandboxed: no network, writes only in the repository)' : ' (not sandboxed)'}.${note ? `\n  ${note}` : ''} Run it? [y/N] `);
        if (!/^y(es)?$/i.test(answer.trim())) throw new AtomicError('cancelled', `Not run: you declined ${line}.`);
      } finally {
        rl.close();
      }
      allowed.add(line);
    }
    return runProcess(request);
  };
}

/**
 * For a command whose whole point is to run model-written code (test, reproduce): without --yes
 * and without a terminal to ask at, refuse before asking the model anything.
 */
export function refuseWithoutConsent(yes: boolean, purpose: string, interactive = atTerminal()): void {
  if (!yes && !interactive) throw new AtomicError('usage', `Refusing to ${purpose} without consent: there is no terminal to ask at, so pass --yes to allow running model-written code.`);
}
