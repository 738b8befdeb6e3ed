/** Messages of a model call that ran into one of its limits: no answer, the whole-reply deadline, a long rate-limit wait, a runaway reply. */
import { AtomicError } from '../errors';
import { formatDuration } from './formatDuration';
import { httpStatusText } from './httpStatusText';

export { formatDuration };
import type { EndpointContext } from './endpointErrors';

const CHECK_SERVER = 'Check that the server is running and that atomicSkills.model.baseUrl points at it';

/** "200 ms", "1.5 s", "90 s". */

/** What an attempt saw before it gave up waiting. */
export interface AttemptSeen {
  /** New content, reasoning or tool-call text arrived. */
  progressed: boolean;
  /** Events that carried nothing new (empty deltas, role-only chunks). */
  emptyEvents: number;
}

function silence(ctx: EndpointContext, seen: AttemptSeen): string {
  return seen.emptyEvents > 0
    ? `sent no reply within ${formatDuration(ctx.timeoutMs)} (only empty events)`
    : `did not answer within ${formatDuration(ctx.timeoutMs)}`;
}

/** The server gave nothing for the answer timeout; retried while retries last. */
export class NoAnswerError extends AtomicError {
  constructor(ctx: EndpointContext, seen: AttemptSeen, attempts = 1, totalMs = ctx.timeoutMs) {
    const empty = seen.emptyEvents > 0 ? ' (it sent only empty events)' : '';
    const what =
      attempts > 1
        ? `No answer from the model endpoint at ${ctx.baseUrl} after ${attempts} attempts of ${formatDuration(ctx.timeoutMs)} each${empty}, ${formatDuration(totalMs)} in all.`
        : `The model endpoint at ${ctx.baseUrl} ${silence(ctx, seen)}.`;
    super(
      'endpointUnreachable',
      `${what} ${CHECK_SERVER}; a slow model (loading, or reading a long prompt) may need a larger atomicSkills.model.requestTimeoutSeconds.`,
    );
  }

  /** The progress line shown before the next attempt. */
  static retryNotice(ctx: EndpointContext, seen: AttemptSeen, nextAttempt: number, attempts: number): string {
    return `The model endpoint at ${ctx.baseUrl} ${silence(ctx, seen)}; retrying (attempt ${nextAttempt} of ${attempts})…`;
  }
}

/** The stream broke before any reply arrived: nothing was shown, so it can be tried again. */
export class CutBeforeReplyError extends AtomicError {
  constructor(cut: AtomicError) {
    super(cut.reason, cut.message, cut.detail, { cause: cut.cause });
  }
}

export function replyDeadlineError(ctx: EndpointContext, limitMs: number, seen: AttemptSeen & { chars: number }): AtomicError {
  const state = seen.chars > 0 ? `it had sent ${seen.chars} characters` : seen.emptyEvents > 0 ? 'it had sent only empty events' : 'it had not answered';
  return new AtomicError(
    'endpointUnreachable',
    `The model endpoint at ${ctx.baseUrl} did not finish its reply within ${formatDuration(limitMs)}, the limit for a whole reply (atomicSkills.model.replyTimeoutSeconds); ${state}. A slow model or a long reply may need a larger limit; a server that keeps the stream open without finishing needs fixing or a restart.`,
  );
}

/** The server asks for a wait longer than we are willing to make, or longer than the call has left. */
export function waitTooLongError(ctx: EndpointContext, status: number, said: string, waitMs: number, now: number, limit: { capMs: number } | { replyLimitMs: number }): AtomicError {
  const until = new Date(now + waitMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const state = status === 429 ? `is limiting requests (${httpStatusText(429, said)})` : `is unavailable (${httpStatusText(status, said)})`;
  const why =
    'capMs' in limit
      ? `longer than the ${formatDuration(limit.capMs)} Atomic Skills waits`
      : `more than is left of the ${formatDuration(limit.replyLimitMs)} limit for a whole reply (atomicSkills.model.replyTimeoutSeconds)`;
  return new AtomicError(
    'endpointError',
    `The model endpoint at ${ctx.baseUrl} ${state} and asks to wait ${formatDuration(waitMs)}, ${why}. Try again after ${until}, or check the plan's rate limits.`,
  );
}

export function replyTooLongError(maxChars: number): AtomicError {
  return new AtomicError(
    'modelReplyMalformed',
    `The model's reply passed ${maxChars} characters without finishing and was stopped (a model repeating itself, or a server that never ends its stream). Try again; a smaller request may help.`,
  );
}

/** The last attempt's error, saying how many attempts it took. */
export function afterAttempts(err: AtomicError, attempts: number, totalMs: number): AtomicError {
  if (attempts <= 1) return err;
  return new AtomicError(err.reason, `${err.message} Tried ${attempts} times over ${formatDuration(totalMs)}.`, err.detail, { cause: err.cause ?? err });
}
