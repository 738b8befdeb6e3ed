/** When a failed model request is tried again, and after how long. */
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { AtomicError } from '../errors';
import { parseRetryAfter } from '../retryAfter';
import type { EndpointContext } from './endpointErrors';
import { serverMessage } from './endpointErrors';
import { CutBeforeReplyError, NoAnswerError, formatDuration, waitTooLongError, type AttemptSeen } from './callLimitErrors';

/** The longest wait a server's Retry-After may ask for; beyond it the call fails at once and says when to try again. */
export const RETRY_AFTER_CAP_MS = 30_000;

/** The wait the server asks for: `retry-after-ms` (OpenAI, Azure), else `Retry-After` (seconds or an HTTP date). */
export function askedWaitMs(headers: Headers | undefined, now: number): number | undefined {
  const ms = headers?.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  return parseRetryAfter(headers?.get('retry-after'), now, Infinity);
}

function retryableStatus(err: APIError): boolean {
  const says = err.headers?.get('x-should-retry');
  if (says === 'true') return true;
  if (says === 'false') return false;
  const status = err.status ?? 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** 0.5 s, 1 s, 2 s … up to 8 s, less up to a quarter so that clients retrying together spread out. */
export function backoffMs(retry: number): number {
  return Math.min(500 * 2 ** (retry - 1), 8000) * (1 - Math.random() * 0.25);
}

export interface RetryStep {
  delayMs: number;
  /** The progress line: what went wrong and what happens next. */
  notice: string;
}

export interface RetryQuestion {
  ctx: EndpointContext;
  seen: AttemptSeen;
  /** 1-based number of the attempt that failed. */
  attempt: number;
  maxRetries: number;
  /** What is left of the whole call's deadline. */
  remainingMs: number;
  replyLimitMs: number;
  now: number;
}

/**
 * The next step after a failed attempt: a retry after a delay, or undefined (give up with this error).
 * Throws when the server asks for a wait that is too long, so the user learns when to come back.
 * Only failures before any reply arrived are retried: parts already streamed cannot be taken back.
 */
export function retryStep(err: unknown, q: RetryQuestion): RetryStep | undefined {
  if (q.seen.progressed) return undefined;
  const next = `attempt ${q.attempt + 1} of ${q.maxRetries + 1}`;
  const retriesLeft = q.attempt <= q.maxRetries;
  if (err instanceof NoAnswerError) {
    return retriesLeft ? { delayMs: 0, notice: NoAnswerError.retryNotice(q.ctx, q.seen, q.attempt + 1, q.maxRetries + 1) } : undefined;
  }
  if (err instanceof CutBeforeReplyError) {
    if (!retriesLeft) return undefined;
    const delayMs = backoffMs(q.attempt);
    return { delayMs, notice: `The stream from the model endpoint at ${q.ctx.baseUrl} broke before any reply; retrying in ${formatDuration(delayMs)} (${next})…` };
  }
  if (err instanceof APIUserAbortError || err instanceof AtomicError) return undefined;
  if (err instanceof APIConnectionError) {
    if (!retriesLeft) return undefined;
    const delayMs = backoffMs(q.attempt);
    return { delayMs, notice: `Cannot reach the model endpoint at ${q.ctx.baseUrl}; retrying in ${formatDuration(delayMs)} (${next})…` };
  }
  if (!(err instanceof APIError) || err.status === undefined || !retryableStatus(err)) return undefined;
  const asked = askedWaitMs(err.headers, q.now);
  if (asked !== undefined) {
    if (asked > RETRY_AFTER_CAP_MS) throw waitTooLongError(q.ctx, err.status, serverMessage(err), asked, q.now, { capMs: RETRY_AFTER_CAP_MS });
    if (retriesLeft && asked >= q.remainingMs) throw waitTooLongError(q.ctx, err.status, serverMessage(err), asked, q.now, { replyLimitMs: q.replyLimitMs });
  }
  if (!retriesLeft) return undefined;
  const what = err.status === 429 ? 'is limiting requests (HTTP 429)' : `answered HTTP ${err.status}`;
  if (asked !== undefined) return { delayMs: asked, notice: `The model endpoint at ${q.ctx.baseUrl} ${what}; waiting ${formatDuration(asked)} as it asks (${next})…` };
  const delayMs = Math.min(backoffMs(q.attempt), Math.max(0, q.remainingMs - 1));
  return { delayMs, notice: `The model endpoint at ${q.ctx.baseUrl} ${what}; retrying in ${formatDuration(delayMs)} (${next})…` };
}
