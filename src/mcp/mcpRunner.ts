import { AtomicError } from '../core/errors';
import { runProcess } from '../core/run/runProcess';
import { vetCommand } from '../core/run/vetCommand';
import { sandboxedText } from '../core/run/sandboxNotice';
import { shellSyntaxNote } from '../core/run/shellWrapper';
import type { CommandRunner, RunPurpose } from '../core/ports/commandRunner';

/** Asks the user through the client (MCP elicitation); true only for an explicit accept. */
export type AskToRun = (message: string) => Promise<boolean>;

export interface McpRunnerOptions {
  /** Absent: the client cannot ask (it declared no elicitation capability). */
  ask?: AskToRun;
  /** --allow-project-tests: the project's own test command runs unasked (never a model-written command). */
  allowProjectTests: boolean;
  log: (message: string) => void;
}

/** Whether a command may run without a question, by the server's flag. */
export function runsUnasked(why: RunPurpose, allowProjectTests: boolean): boolean {
  return allowProjectTests && why.modelProposed !== true;
}

export function noConsentMessage(what: string, modelProposed: boolean): string {
  const fix = modelProposed
    ? 'Use an MCP client that supports elicitation to be asked; a model-written command never runs unasked.'
    : "Use an MCP client that supports elicitation to be asked, or start the server with --allow-project-tests to let the project's own test command run unasked (a model-written command, such as a reproduction script, still needs the question).";
  return `Refusing to ${what} without consent: this MCP client cannot ask you (it did not declare the elicitation capability). ${fix}`;
}

/**
 * The MCP server's command runner: each command line is shown to the user through the client's
 * elicitation (the exact argv, the folder, whether it is sandboxed) and runs only when accepted,
 * once per command line per tool call. Without elicitation it is refused, except the project's
 * own test command under --allow-project-tests. Runs go through runProcess: no shell, a clean
 * environment, limits, bubblewrap where it works.
 */
export function mcpCommandRunner(options: McpRunnerOptions): CommandRunner {
  const allowed = new Set<string>();
  return async (request, why) => {
    const { line, warning } = await vetCommand(request, why);
    if (!runsUnasked(why, options.allowProjectTests) && !allowed.has(line)) {
      if (!options.ask) throw new AtomicError('usage', noConsentMessage(`${why.purpose} (${line})`, why.modelProposed === true));
      const note = shellSyntaxNote(request.argv);
      const question = `${why.purpose[0].toUpperCase()}${why.purpose.slice(1)}?\n\n${line}\n\nin ${request.cwd}\n${warning ?? sandboxedText}${note ? `\n${note}` : ''}`;
      if (!(await options.ask(question))) throw new AtomicError('cancelled', `Not run: you declined ${line}.`);
      allowed.add(line);
    } else if (warning) options.log(`running ${line} in ${request.cwd}. ${warning}`);
    return runProcess(request);
  };
}
