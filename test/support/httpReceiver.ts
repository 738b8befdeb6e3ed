/**
 * A real HTTP server on 127.0.0.1 for destination tests: records every request, answers from a script
 * of failures first (status, Retry-After, body) and then from the receiver's own handler, and can be
 * taken down (its port closed) and brought back on the same port.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with. */
  status: number;
}

export interface ScriptedFailure {
  status: number;
  retryAfter?: string;
  body?: string;
}

export type ReceiverHandler = (request: Omit<ReceivedRequest, 'status'>) => { status: number; body?: string; contentType?: string };

export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private server: http.Server | undefined;
  private waiters: Array<() => void> = [];
  port = 0;

  constructor(private readonly handler: ReceiverHandler) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens (again, on the same port once one was chosen). */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = http.createServer((req, res) => this.onRequest(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Closes the port and every connection: the receiver is down until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` requests get this answer instead of the handler's. */
  failNext(times: number, failure: ScriptedFailure): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  /** Requests answered with 2xx. */
  accepted(): ReceivedRequest[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }

  /** Resolves once `predicate` holds (checked after each request); rejects after timeoutMs. */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what}; got ${this.requests.length} request(s): ${this.requests.map((r) => r.status).join(', ')}`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const failure = this.failures.shift();
      const answer = failure ? { status: failure.status, body: failure.body ?? `scripted ${failure.status}`, contentType: 'text/plain' } : this.handler(request);
      const headers: http.OutgoingHttpHeaders = { 'content-type': answer.contentType ?? 'text/plain' };
      if (failure?.retryAfter !== undefined) headers['retry-after'] = failure.retryAfter;
      this.requests.push({ ...request, status: answer.status });
      res.writeHead(answer.status, headers);
      res.end(answer.body ?? '');
      for (const waiter of [...this.waiters]) waiter();
    });
  }
}
