import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CliIo } from '../cli/cliIo';
import { AtomicError } from '../core/errors';
import type { McpServerHandle } from './mcpServer';

export const mcpPath = '/mcp';
/** A session with no open request for this long is closed (a client that left without DELETE); ATOMIC_SKILLS_MCP_IDLE_SECONDS overrides it. */
const defaultIdleSeconds = 3600;
/** Sessions at once; ATOMIC_SKILLS_MCP_MAX_SESSIONS overrides it. */
const defaultMaxSessions = 32;

interface Session {
  transport: StreamableHTTPServerTransport;
  handle: McpServerHandle;
  /** Requests of this session whose response is still open (a GET stream, a running call). */
  open: number;
  lastUsed: number;
  idle?: NodeJS.Timeout;
}

function positiveOf(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(res: http.ServerResponse, status: number, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message } }));
}

/**
 * Why a request is refused before it reaches MCP, or undefined: a Host or Origin that is not this
 * loopback server (a web page's DNS rebinding), then a missing or wrong bearer token.
 */
export function httpRefusal(req: http.IncomingMessage, port: number, token: string): { status: number; message: string } | undefined {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return { status: 403, message: `Host ${JSON.stringify(req.headers.host ?? '')} refused: this server answers only ${hosts.join(' or ')}.` };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return { status: 403, message: `Origin ${JSON.stringify(origin)} refused.` };
  // The scheme is case-insensitive (RFC 9110), the token is not.
  const given = /^bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (given === undefined || !sameSecret(given, token)) return { status: 401, message: 'Missing or wrong bearer token (Authorization: Bearer <the token printed at start, or ATOMIC_SKILLS_MCP_TOKEN>).' };
  return undefined;
}

/**
 * MCP over Streamable HTTP on 127.0.0.1:port (path /mcp): one session per client, each with its
 * own server (and proposals). Every request needs the bearer token, from ATOMIC_SKILLS_MCP_TOKEN
 * or random, printed to stderr at start. A session idle (no open request) for an hour is closed
 * like a DELETE, so clients that reconnect without ending their session do not pile up; past 32
 * sessions a new one closes the one idle longest, or is refused (503) when none is idle. Runs
 * until io.signal aborts.
 */
export async function mcpHttp(port: number, newServer: () => McpServerHandle, io: CliIo): Promise<void> {
  const given = io.env.ATOMIC_SKILLS_MCP_TOKEN;
  const token = given || randomBytes(32).toString('base64url');
  const sessions = new Map<string, Session>();
  const idleMs = positiveOf(io.env.ATOMIC_SKILLS_MCP_IDLE_SECONDS, defaultIdleSeconds) * 1000;
  const maxSessions = Math.max(1, Math.floor(positiveOf(io.env.ATOMIC_SKILLS_MCP_MAX_SESSIONS, defaultMaxSessions)));
  let bound = port;

  const serve = (session: Session, req: http.IncomingMessage, res: http.ServerResponse) => {
    session.open++;
    session.lastUsed = Date.now();
    clearTimeout(session.idle);
    res.once('close', () => {
      const live = sessions.get(session.transport.sessionId ?? '') === session;
      if (--session.open === 0 && live) session.idle = setTimeout(() => void session.handle.server.close().catch(() => undefined), idleMs).unref();
    });
    return session.transport.handleRequest(req, res);
  };

  /** Room for one more session: the one idle longest is closed, or false when every one has a request open. */
  const makeRoom = async (): Promise<boolean> => {
    if (sessions.size < maxSessions) return true;
    const idle = [...sessions.values()].filter((s) => s.open === 0).sort((a, b) => a.lastUsed - b.lastUsed)[0];
    if (!idle) return false;
    await idle.handle.server.close().catch(() => undefined);
    return sessions.size < maxSessions;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const refusal = httpRefusal(req, bound, token);
    if (refusal) return refuse(res, refusal.status, refusal.message, refusal.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== mcpPath) return refuse(res, 404, `Not found: the MCP endpoint is ${mcpPath}.`);
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session) return refuse(res, 404, 'Unknown or ended session; initialize again.');
      return serve(session, req, res);
    }
    if (req.method !== 'POST') return refuse(res, 400, 'Start a session with an initialize request (POST) first.');
    if (!(await makeRoom())) return refuse(res, 503, `Too many sessions: all ${maxSessions} have a request open. End one (DELETE ${mcpPath}) or try again later; ATOMIC_SKILLS_MCP_MAX_SESSIONS sets the limit.`, { 'retry-after': '5' });
    const server = newServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => void sessions.set(id, session),
    });
    const session: Session = { transport, handle: server, open: 0, lastUsed: Date.now() };
    transport.onclose = () => {
      clearTimeout(session.idle);
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void server.settle();
    };
    await server.server.connect(transport);
    await serve(session, req, res);
    // Not an initialize request: no session was made, so nothing keeps this pair.
    if (!transport.sessionId) await server.server.close();
  };

  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) refuse(res, 500, err instanceof Error ? err.message : String(err));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (err: NodeJS.ErrnoException) => reject(new AtomicError('usage', `--http ${port}: cannot listen on 127.0.0.1:${port} (${err.code ?? err.message}).`)));
    httpServer.listen(port, '127.0.0.1', resolve);
  });
  bound = (httpServer.address() as AddressInfo).port;
  io.err(`atomic-skills mcp: listening on http://127.0.0.1:${bound}${mcpPath}`);
  io.err(given ? 'atomic-skills mcp: bearer token from ATOMIC_SKILLS_MCP_TOKEN.' : `atomic-skills mcp: bearer token ${token}`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  for (const { handle: h } of sessions.values()) await h.server.close().catch(() => undefined);
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
}
