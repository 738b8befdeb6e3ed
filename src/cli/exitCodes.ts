import { AtomicError, type ErrorReason } from '../core/errors';
import type { WorkflowResult } from '../core/workflows/workflowTypes';

/**
 * The CLI's exit codes, in one place. 1 means the command's check ran and said no about the
 * code (a NO verdict with --fail-on-no, a block that does not apply, no passing tests, no
 * reproduction, a failed workflow step); 2 means the command could not do its job: bad usage,
 * configuration, or an environment that failed it, the model endpoint included. A CI job can
 * then tell "the change is bad" (1) from "retry or fix the set-up" (2).
 */
export const exitCode = { done: 0, checkFailed: 1, failed: 2, cancelled: 130 } as const;

/**
 * Endpoint failures: the model could not be reached, refused the key, answered with an error or
 * a cut stream, or sent a reply that could not be read even after the repair request. They say
 * nothing about the user's code, so they exit 2 in every command, workflows included.
 */
export const endpointFailures: ReadonlySet<ErrorReason> = new Set<ErrorReason>(['endpointUnreachable', 'endpointError', 'authentication', 'noModel', 'modelReplyMalformed']);

/** Every reason an error can carry → the exit code; a new reason must be placed here to compile. */
const byReason: Record<ErrorReason, number> = {
  endpointUnreachable: exitCode.failed,
  endpointError: exitCode.failed,
  authentication: exitCode.failed,
  noModel: exitCode.failed,
  modelReplyMalformed: exitCode.failed,
  configuration: exitCode.failed,
  usage: exitCode.failed,
  git: exitCode.failed,
  noChanges: exitCode.failed,
  outsideWorkspace: exitCode.failed,
  fileTooLarge: exitCode.failed,
  notText: exitCode.failed,
  notRegularFile: exitCode.failed,
  editNotApplied: exitCode.failed,
  fileConflict: exitCode.failed,
  runTimedOut: exitCode.failed,
  untrustedWorkspace: exitCode.failed,
  cancelled: exitCode.cancelled,
};

/** The exit code of an error that ended a command (anything not an AtomicError is an environment error). */
export function exitCodeOfError(err: unknown): number {
  return err instanceof AtomicError ? byReason[err.reason] : exitCode.failed;
}

/**
 * A workflow's exit code: 0 succeeded, 130 cancelled, 2 when the step that ended it failed on
 * the model endpoint (its last attempt errored with an endpoint failure), else 1.
 */
export function exitCodeOfWorkflow(result: WorkflowResult): number {
  if (result.status === 'succeeded') return exitCode.done;
  if (result.status === 'cancelled') return exitCode.cancelled;
  const last = [...result.steps].reverse().find((s) => s.step === result.failedStep);
  return last?.errorReason && endpointFailures.has(last.errorReason) ? exitCode.failed : exitCode.checkFailed;
}
