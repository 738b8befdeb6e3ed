/**
 * One POST of a batch with a time limit, and the parts of the answer a destination needs to classify
 * it. Redirects are not followed: a bearer token must never travel to a URL nobody configured.
 */
import { parseRetryAfter } from '../retryAfter';

export { parseRetryAfter };

export type PostOutcome =
  | { kind: 'response'; status: number; retryAfterMs?: number; location?: string; body: string }
  /** No HTTP answer: connection refused or reset, DNS failure, TLS error, time limit. */
  | { kind: 'network'; reason: string }
  | { kind: 'cancelled' };

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

const MAX_BODY_CHARS = 64 * 1024;

export async function postBatch(request: PostRequest): Promise<PostOutcome> {
  if (request.signal.aborted) return { kind: 'cancelled' };
  const timeout = AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.any([request.signal, timeout]),
    });
  } catch (err) {
    if (request.signal.aborted) return { kind: 'cancelled' };
    if (timeout.aborted) return { kind: 'network', reason: `no answer within ${request.timeoutMs} ms` };
    return { kind: 'network', reason: networkReason(err) };
  }
  let body = '';
  try {
    body = (await response.text()).slice(0, MAX_BODY_CHARS);
  } catch (err) {
    if (request.signal.aborted) return { kind: 'cancelled' };
    // The status line arrived; a body cut short does not change what the status says.
  }
  return {
    kind: 'response',
    status: response.status,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    location: response.headers.get('location') ?? undefined,
    body,
  };
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  if (cause?.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** A URL for logs and status: scheme, host, path; no user info or query (either may hold a secret). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The first part of a response body, on one line, for a log message. */
export function bodySnippet(body: string, max = 200): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
