import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startScriptedModelServer, type ScriptedModelServer } from '../../support/scriptedModelServer';

const servers: ScriptedModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function start(options?: Parameters<typeof startScriptedModelServer>[0]) {
  const server = await startScriptedModelServer(options);
  servers.push(server);
  return server;
}

function chat(server: ScriptedModelServer, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'scripted-model', ...body }),
  });
}

async function contentOf(server: ScriptedModelServer, messages: unknown[], extra: Record<string, unknown> = {}) {
  const res = await chat(server, { messages, ...extra });
  assert.equal(res.status, 200);
  const json = (await res.json()) as any;
  return json.choices[0].message.content as string;
}

/** The JSON payloads of an SSE body, and whether it ended with [DONE]. */
function sseEvents(text: string): { events: any[]; done: boolean } {
  const datas = text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
  const done = datas[datas.length - 1] === '[DONE]';
  return { events: datas.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d)), done };
}

const user = (content: string) => ({ role: 'user', content });

describe('scripted model server', () => {
  it('lists the configured models in the OpenAI shape', async () => {
    const server = await start({ models: ['alpha', 'beta'] });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${server.url}/models`);
    const json = (await res.json()) as any;
    assert.equal(json.object, 'list');
    assert.deepEqual(json.data.map((m: any) => [m.id, m.object, m.owned_by]), [
      ['alpha', 'model', 'scripted'],
      ['beta', 'model', 'scripted'],
    ]);
    assert.equal(typeof json.data[0].created, 'number');
  });

  it('answers a non-streaming request with a chat.completion carrying tool calls', async () => {
    const server = await start({ replies: [{ content: 'Reading.', toolCalls: [{ name: 'readFile', arguments: { path: 'a.ts' } }] }] });
    const res = await chat(server, { messages: [user('hi')] });
    const json = (await res.json()) as any;
    assert.equal(json.object, 'chat.completion');
    assert.equal(json.model, 'scripted-model');
    const choice = json.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.role, 'assistant');
    assert.equal(choice.message.content, 'Reading.');
    assert.equal(choice.message.tool_calls.length, 1);
    const call = choice.message.tool_calls[0];
    assert.equal(call.type, 'function');
    assert.match(call.id, /^call_/);
    assert.equal(call.function.name, 'readFile');
    assert.deepEqual(JSON.parse(call.function.arguments), { path: 'a.ts' });
    assert.equal(json.usage.total_tokens, json.usage.prompt_tokens + json.usage.completion_tokens);
  });

  it('streams text in several chunks, tool calls as OpenAI does, a usage chunk, then [DONE]', async () => {
    const server = await start({
      replies: [{ content: 'one two three four', toolCalls: [{ name: 'search', arguments: { query: 'needle in a haystack' } }], usage: { prompt_tokens: 7, completion_tokens: 3 } }],
    });
    const res = await chat(server, { messages: [user('hi')], stream: true, stream_options: { include_usage: true } });
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const { events, done } = sseEvents(await res.text());
    assert.ok(done, 'ends with [DONE]');
    assert.ok(events.every((e) => e.object === 'chat.completion.chunk'));
    const deltas = events.filter((e) => e.choices.length > 0).map((e) => e.choices[0].delta);
    const textPieces = deltas.map((d) => d.content).filter((c) => typeof c === 'string' && c.length > 0);
    assert.ok(textPieces.length >= 4, `text in several chunks: ${JSON.stringify(textPieces)}`);
    assert.equal(textPieces.join(''), 'one two three four');
    const toolDeltas = deltas.filter((d) => d.tool_calls).map((d) => d.tool_calls[0]);
    assert.equal(toolDeltas[0].index, 0);
    assert.equal(toolDeltas[0].type, 'function');
    assert.equal(toolDeltas[0].function.name, 'search');
    assert.equal(toolDeltas[0].function.arguments, '');
    assert.match(toolDeltas[0].id, /^call_/);
    const fragments = toolDeltas.slice(1).map((d) => d.function.arguments);
    assert.ok(fragments.length >= 2, 'arguments arrive in fragments');
    assert.ok(toolDeltas.slice(1).every((d) => d.id === undefined && d.function.name === undefined));
    assert.deepEqual(JSON.parse(fragments.join('')), { query: 'needle in a haystack' });
    const finishChunk = events.find((e) => e.choices[0]?.finish_reason);
    assert.equal(finishChunk.choices[0].finish_reason, 'tool_calls');
    const last = events[events.length - 1];
    assert.deepEqual(last.choices, []);
    assert.deepEqual(last.usage, { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
  });

  it('sends no usage chunk unless stream_options.include_usage is set', async () => {
    const server = await start({ fallback: { content: 'hello there', finishReason: 'length' } });
    const { events, done } = sseEvents(await (await chat(server, { messages: [user('x')], stream: true })).text());
    assert.ok(done);
    assert.ok(events.every((e) => e.usage === undefined));
    assert.equal(events[events.length - 1].choices[0].finish_reason, 'length');
  });

  it('answers with the first matching rule that has times left, then the fallback', async () => {
    const server = await start({
      replies: [
        { when: { lastUserIncludes: 'weather' }, content: 'sunny', times: 2 },
        { content: 'generic' },
      ],
    });
    assert.equal(await contentOf(server, [user('the weather?')]), 'sunny');
    assert.equal(await contentOf(server, [user('other')]), 'generic');
    assert.equal(await contentOf(server, [user('weather again')]), 'sunny');
    assert.equal(await contentOf(server, [user('weather thrice')]), '(no scripted reply)');
    server.enqueue({ content: 'late rule', times: Infinity });
    assert.equal(await contentOf(server, [user('a')]), 'late rule');
    assert.equal(await contentOf(server, [user('b')]), 'late rule');
  });

  it('matches every kind of condition and uses a custom fallback', async () => {
    const server = await start({
      fallback: { content: 'fallback' },
      replies: [
        { when: { systemIncludes: 'reviewer' }, content: 'system matched', times: Infinity },
        { when: { hasTools: true }, content: 'tools matched', times: Infinity },
        { when: { toolResultIncludes: '42 lines' }, content: 'tool result matched', times: Infinity },
        { when: { anyMessageIncludes: 'banana' }, content: 'any matched', times: Infinity },
        { when: { lastUserIncludes: 'first', hasTools: false }, content: 'last user matched', times: Infinity },
      ],
    });
    assert.equal(await contentOf(server, [{ role: 'system', content: 'You are a reviewer.' }, user('x')]), 'system matched');
    const tools = [{ type: 'function', function: { name: 'f', parameters: {} } }];
    assert.equal(await contentOf(server, [user('x')], { tools }), 'tools matched');
    assert.equal(await contentOf(server, [user('x')], { tools: [] }), 'fallback', 'an empty tools array is no tools');
    const toolTurn = [
      user('x'),
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'file has 42 lines' },
    ];
    assert.equal(await contentOf(server, toolTurn), 'tool result matched');
    assert.equal(await contentOf(server, [{ role: 'assistant', content: 'a banana' }, user('x')]), 'any matched');
    assert.equal(await contentOf(server, [user('first'), { role: 'assistant', content: 'ok' }, user('second')]), 'fallback', 'only the last user message counts');
    assert.equal(await contentOf(server, [user('second'), { role: 'assistant', content: 'ok' }, user('first one')]), 'last user matched');
    assert.equal(await contentOf(server, [user([{ type: 'text', text: 'first as parts' }] as any)]), 'last user matched');
  });

  it('refuses tools with 400 without using up the rule, and answers the same rule without tools', async () => {
    const server = await start({ replies: [{ rejectTools: true, content: 'plain answer' }] });
    const tools = [{ type: 'function', function: { name: 'f', parameters: {} } }];
    for (let i = 0; i < 2; i++) {
      const res = await chat(server, { messages: [user('x')], tools });
      assert.equal(res.status, 400);
      const json = (await res.json()) as any;
      assert.match(json.error.message, /does not support tools/);
    }
    assert.equal(await contentOf(server, [user('x')]), 'plain answer');
    assert.equal(await contentOf(server, [user('x')]), '(no scripted reply)', 'the rule had times 1');
  });

  it('sends scripted HTTP errors, 404 for unknown models and paths, and records every request', async () => {
    const server = await start({ replies: [{ status: 503, error: { message: 'overloaded', type: 'server_error', code: 'busy' } }] });
    const res = await chat(server, { messages: [user('x')] });
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { error: { message: 'overloaded', type: 'server_error', param: null, code: 'busy' } });
    const unknownModel = await chat(server, { model: 'nope', messages: [user('x')] });
    assert.equal(unknownModel.status, 404);
    assert.equal(((await unknownModel.json()) as any).error.code, 'model_not_found');
    const unknownPath = await fetch(`${server.url}/embeddings`, { method: 'POST', body: '{}' });
    assert.equal(unknownPath.status, 404);
    assert.deepEqual(server.requests.map((r) => [r.method, r.path]), [
      ['POST', '/v1/chat/completions'],
      ['POST', '/v1/chat/completions'],
      ['POST', '/v1/embeddings'],
    ]);
    assert.equal(server.chatRequests().length, 2);
    assert.equal(server.chatRequests()[1].body.model, 'nope');
    assert.equal(server.requests[0].headers['content-type'], 'application/json');
  });

  it('demands the API key when one is set', async () => {
    const server = await start({ apiKey: 'sekret' });
    const none = await fetch(`${server.url}/models`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as any).error.code, 'invalid_api_key');
    const wrong = await chat(server, { messages: [user('x')] }, { authorization: 'Bearer other' });
    assert.equal(wrong.status, 401);
    const right = await chat(server, { messages: [user('x')] }, { authorization: 'Bearer sekret' });
    assert.equal(right.status, 200);
  });

  it('delays the first byte and cuts a stream after N chunks', async () => {
    const server = await start({ replies: [{ content: 'slow', delayMs: 150 }, { content: 'a b c d e f', cutAfterChunks: 3 }] });
    const started = Date.now();
    assert.equal(await contentOf(server, [user('x')]), 'slow');
    assert.ok(Date.now() - started >= 140, 'delayed');
    const res = await chat(server, { messages: [user('x')], stream: true });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    let received = '';
    await assert.rejects(async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += Buffer.from(value).toString('utf8');
      }
    });
    assert.equal(sseEvents(received).events.length, 3);
    assert.ok(!received.includes('[DONE]'));
  });

  it('runs as a CLI from a script file and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scripted-'));
    const script = join(dir, 'script.json');
    writeFileSync(script, JSON.stringify({ models: ['cli-model'], replies: [{ content: 'from the script', times: 'Infinity' }] }));
    const child = spawn(process.execPath, [join(__dirname, '../../support/scriptedModelServer.js'), '--script', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (data: Buffer) => {
          out += data.toString();
          const match = /SCRIPTED_MODEL_SERVER_URL=(\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.on('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      const body = JSON.stringify({ model: 'cli-model', messages: [user('x')] });
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${url}/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
        assert.equal(((await res.json()) as any).choices[0].message.content, 'from the script');
      }
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
