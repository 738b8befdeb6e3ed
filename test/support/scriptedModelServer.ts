/**
 * The project's only test double: a real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions
 * protocol, answering from an ordered list of scripted replies. Also runnable as a CLI:
 *   node out/test/support/scriptedModelServer.js --script FILE.json [--port N]
 * where FILE = { models?, replies, fallback?, apiKey? } ("times": "Infinity" is accepted in JSON);
 * it prints SCRIPTED_MODEL_SERVER_URL=<url> and runs until SIGTERM.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletion, chatCompletionChunks, openAiError } from './chatCompletionWire';
import type { ChatRequestBody, ScriptedReply } from './scriptedReplyRules';
import { DEFAULT_FALLBACK, ScriptedRuleBook, requestHasTools } from './scriptedReplyRules';

export type { ScriptedReply, ScriptedReplyCondition, ScriptedToolCall } from './scriptedReplyRules';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: any;
}

export interface ScriptedModelServer {
  /** "http://127.0.0.1:PORT/v1" */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  /** Appends rules to the rule list. */
  enqueue(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

export interface ScriptedModelServerOptions {
  /** Served by GET /v1/models; chat requests for any other model get 404 model_not_found. Default ['scripted-model']. */
  models?: string[];
  replies?: ScriptedReply[];
  /** Answers when no rule matches; default content "(no scripted reply)". */
  fallback?: ScriptedReply;
  /** Default: a random free port. */
  port?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** The 401 for a wrong key quotes the Authorization header it got, as careless servers do: in its message (also URL-encoded) and in a field of its own. */
  echoAuthorization?: boolean;
}

const CHAT_PATH = '/v1/chat/completions';
const MODELS_PATH = '/v1/models';

export async function startScriptedModelServer(options: ScriptedModelServerOptions = {}): Promise<ScriptedModelServer> {
  const models = options.models ?? ['scripted-model'];
  const rules = new ScriptedRuleBook(options.replies ?? [], options.fallback ?? DEFAULT_FALLBACK);
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  /** Resolves after `ms`, or early when the response closes; true while the response can still be written. */
  const wait = (ms: number | undefined, res: http.ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      if (!ms || ms <= 0) return resolve(!res.destroyed);
      const done = () => {
        clearTimeout(timer);
        timers.delete(timer);
        res.off('close', done);
        resolve(!res.destroyed && !res.writableEnded);
      };
      const timer = setTimeout(done, ms);
      timers.add(timer);
      res.once('close', done);
    });

  const sendJson = (res: http.ServerResponse, status: number, value: unknown) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

  const writeChunk = (res: http.ServerResponse, text: string) =>
    new Promise<void>((resolve) => {
      if (res.destroyed) return resolve();
      res.write(text, () => resolve());
    });

  async function streamReply(res: http.ServerResponse, reply: ScriptedReply, body: ChatRequestBody) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const chunks = chatCompletionChunks(reply, body);
    for (let i = 0; i < chunks.length; i++) {
      if (reply.cutAfterChunks !== undefined && i >= reply.cutAfterChunks) {
        res.socket?.destroy();
        return;
      }
      if (i > 0 && !(await wait(reply.chunkDelayMs, res))) return;
      if (res.destroyed) return;
      await writeChunk(res, `data: ${JSON.stringify(chunks[i])}\n\n`);
    }
    if (reply.cutAfterChunks !== undefined && chunks.length >= reply.cutAfterChunks) {
      res.socket?.destroy();
      return;
    }
    if (!res.destroyed) res.end('data: [DONE]\n\n');
  }

  async function answerChat(res: http.ServerResponse, body: ChatRequestBody) {
    if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) {
      return sendJson(res, 400, openAiError('Request body must be JSON with a `messages` array.'));
    }
    if (!body.model || !models.includes(body.model)) {
      const message = `The model \`${body.model ?? ''}\` does not exist or you do not have access to it.`;
      return sendJson(res, 404, openAiError(message, 'invalid_request_error', 'model_not_found'));
    }
    const reply = rules.pick(body);
    if (!(await wait(reply.delayMs, res))) return;
    if (reply.rejectTools && requestHasTools(body)) {
      return sendJson(res, 400, openAiError(`${body.model} does not support tools`));
    }
    if (reply.status !== undefined || reply.error !== undefined) {
      const error = reply.error ?? { message: `Scripted HTTP ${reply.status} error.` };
      return sendJson(res, reply.status ?? 500, openAiError(error.message, error.type ?? 'server_error', error.code ?? null));
    }
    if (body.stream) return streamReply(res, reply, body);
    sendJson(res, 200, chatCompletion(reply, body));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
    const raw = await readBody(req);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: { ...req.headers }, body: parseBody(raw) };
    requests.push(recorded);
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      const message = 'Incorrect API key provided. You can find your API key in your account settings.';
      const got = req.headers.authorization ?? '';
      if (options.echoAuthorization) {
        const echo = `${message} Received "Authorization: ${got}" (key=${encodeURIComponent(got.replace(/^Bearer /, ''))}).`;
        return sendJson(res, 401, { ...openAiError(echo, 'invalid_request_error', 'invalid_api_key'), received: { authorization: got } });
      }
      return sendJson(res, 401, openAiError(message, 'invalid_request_error', 'invalid_api_key'));
    }
    if (recorded.method === 'GET' && path === MODELS_PATH) {
      const created = Math.floor(Date.now() / 1000);
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created, owned_by: 'scripted' })) });
    }
    if (recorded.method === 'POST' && path === CHAT_PATH) return answerChat(res, recorded.body);
    sendJson(res, 404, openAiError(`Unknown path: ${recorded.method} ${path}`, 'invalid_request_error', 'unknown_url'));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, openAiError(`Scripted server failure: ${String(err)}`, 'server_error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === CHAT_PATH),
    enqueue: (...replies) => rules.add(...replies),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Reads a CLI script file; `"times": "Infinity"` becomes Infinity (JSON has no Infinity). */
export function loadScript(file: string): ScriptedModelServerOptions {
  const script = JSON.parse(readFileSync(file, 'utf8'), (key, value) =>
    key === 'times' && value === 'Infinity' ? Infinity : value,
  ) as ScriptedModelServerOptions;
  if (script.replies !== undefined && !Array.isArray(script.replies)) throw new Error(`${file}: "replies" must be an array`);
  return script;
}

async function main(argv: string[]): Promise<void> {
  const flag = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const scriptFile = flag('--script');
  if (!scriptFile) throw new Error('usage: scriptedModelServer --script FILE.json [--port N]');
  const portText = flag('--port');
  const server = await startScriptedModelServer({ ...loadScript(scriptFile), ...(portText ? { port: Number(portText) } : {}) });
  process.stdout.write(`SCRIPTED_MODEL_SERVER_URL=${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
