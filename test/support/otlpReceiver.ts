/**
 * An OTLP/HTTP logs receiver (JSON encoding) that validates every payload strictly (see otlpShape.ts):
 * POST /v1/logs with Content-Type application/json; a malformed payload gets 400 with a google.rpc.Status
 * JSON body naming the problems. Valid requests get 200 `{}` (or a scripted partial success).
 */
import { HttpReceiver } from './httpReceiver';
import { otlpLogsProblems } from './otlpShape';

export interface ReceivedLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber?: number;
  severityText?: string;
  eventName?: string;
  body: { stringValue: string };
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

export class OtlpReceiver extends HttpReceiver {
  /** Problems of each rejected payload, in order. */
  readonly rejections: string[][] = [];
  /** Answer to valid payloads; e.g. a partial success. */
  successBody = '{}';

  constructor(readonly options: { token?: string; path?: string } = {}) {
    super((request) => {
      if (request.method !== 'POST' || request.path !== (options.path ?? '/v1/logs')) return { status: 404, body: 'not found' };
      if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) return status(401, 'unauthenticated');
      if (request.headers['content-type'] !== 'application/json') return status(415, 'expected application/json');
      let payload: unknown;
      try {
        payload = JSON.parse(request.body);
      } catch {
        this.rejections.push(['body is not JSON']);
        return status(400, 'body is not JSON');
      }
      const problems = otlpLogsProblems(payload);
      if (problems.length > 0) {
        this.rejections.push(problems);
        return status(400, problems.join('; '));
      }
      return { status: 200, body: this.successBody, contentType: 'application/json' };
    });
  }

  /** Log records of accepted requests, in order. */
  logRecords(): ReceivedLogRecord[] {
    return this.accepted().flatMap((r) => {
      const payload = JSON.parse(r.body) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: ReceivedLogRecord[] }> }> };
      return payload.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords));
    });
  }

  waitForRecords(count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor(() => this.logRecords().length >= count, `${count} log records`, timeoutMs);
  }
}

function status(code: number, message: string) {
  return { status: code, body: JSON.stringify({ code: code === 400 ? 3 : 16, message }), contentType: 'application/json' };
}
