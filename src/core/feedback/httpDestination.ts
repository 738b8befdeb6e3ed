/**
 * Sends batches to an HTTP(S) endpoint an organisation runs: POST, `application/x-ndjson`, one event per
 * line exactly as queued, `Authorization: Bearer <token>` when a token is configured. Receivers should
 * deduplicate by event `id`: delivery is at least once.
 */
import type { CollectionBatch, CollectionDestination, SendResult } from './collectionTypes';
import { bodySnippet, describeUrl, postBatch, type PostOutcome } from './httpSend';

export interface HttpDestinationConfig {
  url: string;
  /** From SecretStorage (or an environment variable for the CLI); never from settings. */
  token?: string;
  /** Extra request headers (not secrets). */
  headers?: Record<string, string>;
  /** Default 30 s. */
  timeoutMs?: number;
  /** Sent as User-Agent, e.g. "atomic-skills/0.1.0". */
  userAgent?: string;
}

export class HttpDestination implements CollectionDestination {
  readonly id = 'http';
  readonly label: string;

  constructor(private readonly config: HttpDestinationConfig) {
    this.label = `HTTP ${describeUrl(config.url)}`;
  }

  async send(batch: CollectionBatch, signal: AbortSignal): Promise<SendResult> {
    const headers: Record<string, string> = {
      ...this.config.headers,
      'content-type': 'application/x-ndjson',
      'user-agent': this.config.userAgent ?? 'atomic-skills',
    };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    const outcome = await postBatch({
      url: this.config.url,
      body: batch.lines.map((line) => line + '\n').join(''),
      headers,
      timeoutMs: this.config.timeoutMs ?? 30_000,
      signal,
    });
    return classifyHttp(outcome);
  }
}

/** 2xx delivered; 408, 429, 5xx and no answer retryable; 401/403 unauthorized; any other status permanent. */
export function classifyHttp(outcome: PostOutcome): SendResult {
  if (outcome.kind === 'cancelled') return { kind: 'retryable', reason: 'cancelled' };
  if (outcome.kind === 'network') return { kind: 'retryable', reason: outcome.reason };
  const { status } = outcome;
  const detail = bodySnippet(outcome.body);
  const reason = `HTTP ${status}${detail ? `: ${detail}` : ''}`;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 401 || status === 403) return { kind: 'unauthorized', status, reason: `${reason} (check the token)` };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retryable', status, reason, retryAfterMs: outcome.retryAfterMs };
  if (status >= 300 && status < 400) {
    return { kind: 'permanent', status, reason: `HTTP ${status} redirect to ${outcome.location ?? '(no location)'}; configure the final URL` };
  }
  return { kind: 'permanent', status, reason };
}
