import { AtomicError } from '../errors';
import type { RunPurpose } from '../ports/commandRunner';
import { formatCommandLine } from './commandLine';
import type { RunRequest } from './runTypes';
import { notSandboxedText, sandboxState } from './sandboxNotice';
import { shellWrapperProblem } from './shellWrapper';

/**
 * What every surface's runner settles before it asks: the command line as shown, a shell given a
 * command string refused (the skill vets what a model proposes; this keeps the promise should a
 * command reach a runner unvetted), and the warning to show when the run will not be sandboxed.
 */
export async function vetCommand(request: RunRequest, why: RunPurpose): Promise<{ line: string; warning?: string }> {
  const line = formatCommandLine(request.argv);
  const shell = why.modelProposed ? shellWrapperProblem(request.argv) : undefined;
  if (shell) throw new AtomicError('usage', `Refusing to ${why.purpose} (${line}): ${shell}`);
  const state = await sandboxState(request);
  return { line, warning: state.sandboxed ? undefined : notSandboxedText(state.reason) };
}
