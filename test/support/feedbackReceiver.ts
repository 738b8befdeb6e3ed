/**
 * An organisation's feedback endpoint as the HTTP destination expects it: POST of
 * `application/x-ndjson`, one JSON event per line, optionally behind a bearer token. Malformed bodies get
 * 400, a wrong or missing token 401; scripted failures (500, 503, 429 + Retry-After, 400) come first.
 */
import { HttpReceiver } from './httpReceiver';

export class FeedbackReceiver extends HttpReceiver {
  constructor(readonly options: { token?: string; path?: string } = {}) {
    super((request) => {
      if (request.method !== 'POST' || request.path !== (options.path ?? '/feedback')) return { status: 404, body: 'not found' };
      if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) return { status: 401, body: 'bad token' };
      if (request.headers['content-type'] !== 'application/x-ndjson') return { status: 415, body: 'expected application/x-ndjson' };
      const problem = ndjsonProblem(request.body);
      if (problem) return { status: 400, body: problem };
      return { status: 202, body: '' };
    });
  }

  /** The feedback URL ("http://127.0.0.1:PORT/feedback"). */
  get endpoint(): string {
    return `${this.url}${this.options.path ?? '/feedback'}`;
  }

  /** Every event of every accepted request, in arrival order (duplicates included). */
  acceptedEvents(): Array<{ id: string; [key: string]: unknown }> {
    return this.accepted().flatMap((r) => parseNdjson(r.body));
  }

  waitForEvents(count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor(() => this.acceptedEvents().length >= count, `${count} accepted events`, timeoutMs);
  }
}

export function parseNdjson(body: string): Array<{ id: string; [key: string]: unknown }> {
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { id: string });
}

function ndjsonProblem(body: string): string | undefined {
  if (body === '' || !body.endsWith('\n')) return 'body must be lines, each ending in a newline';
  const lines = body.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    try {
      const value = JSON.parse(line) as { id?: unknown; type?: unknown };
      if (typeof value.id !== 'string' || (value.type !== 'record' && value.type !== 'label')) return `line ${i + 1} is not a feedback event`;
    } catch {
      return `line ${i + 1} is not JSON`;
    }
  }
  return undefined;
}
