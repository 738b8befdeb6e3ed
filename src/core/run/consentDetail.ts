import { sandboxedText } from './sandboxNotice';
import { shellSyntaxNote } from './shellWrapper';

export interface ConsentDetailInput {
  argv: readonly string[];
  /** Where it runs, as the user knows the folder. */
  where: string;
  modelProposed: boolean;
  timeoutMs: number;
  /** Why the run is not sandboxed; undefined when it is. */
  notSandboxed?: string;
}

/**
 * The detail of VS Code's consent modal: where and how long, the sandbox state, and the same
 * shell-syntax note the CLI prompt shows (a `|` or `>` reaches the program as text).
 */
export function consentDetail(input: ConsentDetailInput): string {
  const note = shellSyntaxNote(input.argv);
  return [
    `Runs in ${input.where}${input.modelProposed ? ', as the model wrote it' : ''}, for at most ${Math.round(input.timeoutMs / 1000)} s.`,
    ...(input.modelProposed ? ['Later attempts in this run may run it again after the model rewrites the script.'] : []),
    input.notSandboxed ?? sandboxedText,
    ...(note ? [note] : []),
  ].join('\n');
}
