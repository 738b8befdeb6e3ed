/**
 * A real HTTP server on 127.0.0.1 that misbehaves the way broken or hostile OpenAI-compatible servers
 * do: it accepts and never answers, drips empty events or keep-alives forever, streams without end,
 * stalls mid-reply, sends raw (malformed or truncated) events, or answers 429/503 with Retry-After.
 * Each chat request takes the next behaviour from the list (the last one repeats), or the one a
 * chooser picks from the request's body; GET /v1/models lists one model.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletionChunks } from './chatCompletionWire';
import type { ChatRequestBody, ScriptedToolCall } from './scriptedReplyRules';

export type HostileBehaviour =
  /** Reads the request, then never writes a byte. */
  | { kind: 'silent' }
  /** 200 event stream, then `event` (raw SSE text) every `everyMs`, forever. */
  | { kind: 'drip'; everyMs: number; event: string }
  /** 200 event stream, then a content delta of `text` every `everyMs` (0: as fast as the socket takes it), never finishing. */
  | { kind: 'endless'; everyMs: number; text: string }
  /** 200 event stream with the role chunk, then the connection is reset before any content. */
  | { kind: 'cut' }
  /** 200 event stream: the role chunk and one content delta, then nothing, connection held open. */
  | { kind: 'stall'; text: string }
  /** An error status with headers (e.g. retry-after) and an OpenAI error body. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  /** 200 event stream: exactly these raw SSE events, then the response ends (`end`) or the socket is reset. */
  | { kind: 'raw'; events: string[]; end: 'end' | 'reset' }
  /** A whole, well-formed streamed reply (text and/or tool calls); `before`: raw SSE events sent first, `gapMs` apart. */
  | { kind: 'reply'; content: string; toolCalls?: ScriptedToolCall[]; before?: string[]; gapMs?: number };

/** Picks the behaviour for a chat request from its parsed body and its 0-based number. */
export type HostileChooser = (body: ChatRequestBody, index: number) => HostileBehaviour;

export interface HostileRequest {
  at: number;
  behaviour: HostileBehaviour['kind'];
  /** The request body as sent. */
  body: string;
  /** Set when the client closed the connection. */
  closedAt?: number;
}

export interface HostileModelServer {
  url: string;
  requests: HostileRequest[];
  close(): Promise<void>;
}

export const emptyDelta = `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: null }] })}\n\n`;
export const emptyContent = `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: '' }, finish_reason: null }] })}\n\n`;
export const keepAliveComment = ': keep-alive\n\n';

export function deltaEvent(delta: object): string {
  return `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
}

export async function startHostileModelServer(behaviours: HostileBehaviour[] | HostileChooser): Promise<HostileModelServer> {
  const choose: HostileChooser = typeof behaviours === 'function' ? behaviours : (_body, i) => behaviours[Math.min(i, behaviours.length - 1)];
  const requests: HostileRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const every = (ms: number, res: http.ServerResponse, fn: () => void) => {
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : fn()), ms);
    timers.add(timer);
    res.once('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  };
  const startStream = (res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
  };

  function behave(b: HostileBehaviour, res: http.ServerResponse) {
    switch (b.kind) {
      case 'silent':
        return;
      case 'drip':
        startStream(res);
        return every(b.everyMs, res, () => res.write(b.event));
      case 'endless': {
        startStream(res);
        const event = deltaEvent({ content: b.text });
        if (b.everyMs > 0) return every(b.everyMs, res, () => res.write(event));
        const pump = () => {
          while (!res.destroyed && res.write(event));
          if (!res.destroyed) res.once('drain', pump);
        };
        return pump();
      }
      case 'cut':
        startStream(res);
        res.write(deltaEvent({ role: 'assistant', content: '' }), () => res.socket?.destroy());
        return;
      case 'stall':
        startStream(res);
        res.write(deltaEvent({ role: 'assistant', content: '' }));
        res.write(deltaEvent({ content: b.text }));
        return;
      case 'status':
        res.writeHead(b.status, { 'content-type': 'application/json', ...b.headers });
        res.end(JSON.stringify({ error: { message: b.message ?? `HTTP ${b.status}`, type: 'server_error', param: null, code: null } }));
        return;
      case 'raw':
        startStream(res);
        for (const event of b.events) res.write(event);
        if (b.end === 'end') res.end();
        else res.write('', () => res.socket?.destroy());
        return;
      case 'reply': {
        startStream(res);
        const events = [...(b.before ?? []), ...chatCompletionChunks({ content: b.content, toolCalls: b.toolCalls }, { model: 'm', messages: [] }).map((c) => `data: ${JSON.stringify(c)}\n\n`), 'data: [DONE]\n\n'];
        const send = (i: number) => {
          if (res.destroyed) return;
          if (i === events.length) return res.end();
          res.write(events[i]);
          later(i < (b.before?.length ?? 0) ? (b.gapMs ?? 0) : 0, () => send(i + 1));
        };
        return send(0);
      }
    }
  }

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (req.method === 'GET' && path === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data: [{ id: 'm', object: 'model', created: 0, owned_by: 'hostile' }] }));
      }
      const text = Buffer.concat(parts).toString('utf8');
      let body: ChatRequestBody = {};
      try {
        body = JSON.parse(text) as ChatRequestBody;
      } catch {
        // not JSON: the chooser sees an empty body
      }
      const behaviour = choose(body, requests.length);
      const record: HostileRequest = { at: Date.now(), behaviour: behaviour.kind, body: text };
      requests.push(record);
      res.once('close', () => (record.closedAt = Date.now()));
      behave(behaviour, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
