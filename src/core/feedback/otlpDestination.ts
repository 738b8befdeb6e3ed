/**
 * Sends batches to an OpenTelemetry Collector (or any OTLP/HTTP logs receiver) as JSON. Retries follow
 * the OTLP/HTTP spec: 429, 502, 503, 504 and no answer are retryable (Retry-After honoured); every other
 * 4xx/5xx MUST NOT be retried. A partial success (200 with partialSuccess) is not retried either.
 */
import type { CollectionBatch, CollectionDestination, SendResult } from './collectionTypes';
import { bodySnippet, describeUrl, postBatch, type PostOutcome } from './httpSend';
import { encodeLogsRequest, type OtlpResourceOptions } from './otlpLogs';

export interface OtlpDestinationConfig {
  /** A base endpoint (http://127.0.0.1:4318) or the full logs URL (…/v1/logs). */
  endpoint: string;
  /** Extra headers, e.g. a tenant header (not secrets). */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`; from SecretStorage. */
  token?: string;
  timeoutMs?: number;
  resource?: OtlpResourceOptions;
  userAgent?: string;
  /** Observed time of the records; default Date.now. */
  now?: () => number;
}

/** The logs URL for an endpoint: kept when it already ends in /v1/logs, else /v1/logs appended to its path. */
export function otlpLogsUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (!/\/v1\/logs\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/logs`;
  return url.toString();
}

export class OtlpDestination implements CollectionDestination {
  readonly id = 'otlp';
  readonly label: string;
  private readonly url: string;

  constructor(private readonly config: OtlpDestinationConfig) {
    this.url = otlpLogsUrl(config.endpoint);
    this.label = `OTLP ${describeUrl(this.url)}`;
  }

  async send(batch: CollectionBatch, signal: AbortSignal): Promise<SendResult> {
    const request = encodeLogsRequest(batch.events, batch.lines, (this.config.now ?? Date.now)(), this.config.resource);
    const headers: Record<string, string> = {
      ...this.config.headers,
      'content-type': 'application/json',
      'user-agent': this.config.userAgent ?? 'atomic-skills',
    };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    const outcome = await postBatch({ url: this.url, body: JSON.stringify(request), headers, timeoutMs: this.config.timeoutMs ?? 30_000, signal });
    return classifyOtlp(outcome);
  }
}

export function classifyOtlp(outcome: PostOutcome): SendResult {
  if (outcome.kind === 'cancelled') return { kind: 'retryable', reason: 'cancelled' };
  if (outcome.kind === 'network') return { kind: 'retryable', reason: outcome.reason };
  const { status } = outcome;
  if (status >= 200 && status < 300) return { kind: 'delivered', status, note: partialSuccessNote(outcome.body) };
  const detail = statusMessage(outcome.body);
  const reason = `HTTP ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 401 || status === 403) return { kind: 'unauthorized', status, reason: `${reason} (check the token and headers)` };
  if (status === 429 || status === 502 || status === 503 || status === 504) return { kind: 'retryable', status, reason, retryAfterMs: outcome.retryAfterMs };
  if (status >= 300 && status < 400) {
    return { kind: 'permanent', status, reason: `HTTP ${status} redirect to ${outcome.location ?? '(no location)'}; configure the final URL` };
  }
  return { kind: 'permanent', status, reason };
}

/** ExportLogsServiceResponse.partialSuccess as a sentence; undefined for a full success. */
function partialSuccessNote(body: string): string | undefined {
  let partial: { rejectedLogRecords?: string | number; errorMessage?: string } | undefined;
  try {
    partial = (JSON.parse(body) as { partialSuccess?: typeof partial }).partialSuccess;
  } catch {
    return undefined;
  }
  if (!partial) return undefined;
  const rejected = Number(partial.rejectedLogRecords ?? 0);
  if (!rejected && !partial.errorMessage) return undefined;
  return `receiver rejected ${rejected} log record(s)${partial.errorMessage ? `: ${partial.errorMessage}` : ''}`;
}

/** The message of a google.rpc.Status body when it is JSON, else the body's start. */
function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: unknown };
    if (typeof status.message === 'string' && status.message) return bodySnippet(status.message);
  } catch {
    // Not JSON.
  }
  return bodySnippet(body);
}
