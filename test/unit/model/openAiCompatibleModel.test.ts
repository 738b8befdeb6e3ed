import assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import { OpenAiCompatibleModel, type OpenAiCompatibleModelOptions } from '../../../src/core/model/openAiCompatibleModel';
import type { ChatMessage, ChatRequest, ResponsePart, ToolSpec } from '../../../src/core/model/types';
import { closedPort } from '../../support/closedPort';
import { startScriptedModelServer, type ScriptedModelServer, type ScriptedModelServerOptions } from '../../support/scriptedModelServer';

const servers: ScriptedModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function start(options?: ScriptedModelServerOptions) {
  const server = await startScriptedModelServer(options);
  servers.push(server);
  return server;
}

function modelFor(server: ScriptedModelServer, options: Partial<OpenAiCompatibleModelOptions> = {}) {
  return new OpenAiCompatibleModel({ baseUrl: server.url, model: 'scripted-model', timeoutMs: 5000, maxRetries: 0, ...options });
}

function request(messages: ChatMessage[], extra: Partial<ChatRequest> = {}): ChatRequest & { parts: ResponsePart[] } {
  const parts: ResponsePart[] = [];
  return { messages, signal: new AbortController().signal, onPart: (p) => parts.push(p), parts, ...extra };
}

const ask = (text: string): ChatMessage[] => [{ role: 'user', content: text }];

const readFile: ToolSpec = {
  name: 'readFile',
  description: 'Read a workspace file when you need its content.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

async function rejectsWith(promise: Promise<unknown>, reason: AtomicError['reason'], message?: RegExp): Promise<AtomicError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AtomicError, `expected an AtomicError, got ${String(err)}`);
    assert.equal(err.reason, reason, err.message);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected a rejection with reason ${reason}`);
}

describe('OpenAiCompatibleModel', () => {
  it('streams text parts in order and returns the whole reply with usage', async () => {
    const server = await start({ replies: [{ content: 'The diff looks fine overall.', usage: { prompt_tokens: 12, completion_tokens: 6 } }] });
    const model = modelFor(server);
    assert.deepEqual(model.identity, { backend: 'openai', model: 'scripted-model', endpoint: server.url });
    const req = request([{ role: 'system', content: 'Be brief.' }, ...ask('Review this')], { temperature: 0.2, maxTokens: 300 });
    const response = await model.chat(req);
    assert.equal(response.text, 'The diff looks fine overall.');
    assert.equal(response.finishReason, 'stop');
    assert.deepEqual(response.toolCalls, []);
    assert.deepEqual(response.usage, { promptTokens: 12, completionTokens: 6 });
    assert.equal(response.usedTextToolProtocol, undefined);
    const texts = req.parts.map((p) => (p.type === 'text' ? p.text : '?'));
    assert.ok(texts.length >= 5, 'several parts');
    assert.equal(texts.join(''), response.text);
    const body = server.chatRequests()[0].body;
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.model, 'scripted-model');
    assert.equal(body.temperature, 0.2);
    assert.equal(body.max_tokens, 300);
    assert.equal(body.tools, undefined);
    assert.deepEqual(body.messages, [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Review this' }]);
    assert.equal(server.requests[0].headers.authorization, undefined, 'no key, no Authorization header');
  });

  it('assembles native tool calls from argument fragments and reports each as a part', async () => {
    const server = await start({
      replies: [
        {
          content: 'Reading both.',
          toolCalls: [
            { name: 'readFile', arguments: { path: 'src/a.ts', note: 'a fairly long argument to force several fragments' } },
            { name: 'readFile', arguments: { path: 'src/b.ts' } },
          ],
        },
      ],
    });
    const req = request(ask('Review'), { tools: [readFile], toolMode: 'required' });
    const response = await modelFor(server).chat(req);
    assert.equal(response.finishReason, 'tool_calls');
    assert.equal(response.text, 'Reading both.');
    assert.deepEqual(response.toolCalls.map((c) => [c.name, c.arguments.path]), [['readFile', 'src/a.ts'], ['readFile', 'src/b.ts']]);
    assert.ok(response.toolCalls.every((c) => /^call_/.test(c.id)));
    assert.notEqual(response.toolCalls[0].id, response.toolCalls[1].id);
    assert.deepEqual(req.parts.map((p) => p.type), ['text', 'text', 'toolCall', 'toolCall']);
    const callParts = req.parts.flatMap((p) => (p.type === 'toolCall' ? [p.call] : []));
    assert.deepEqual(callParts, response.toolCalls);
    const body = server.chatRequests()[0].body;
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'readFile', description: readFile.description, parameters: readFile.parameters } }]);
    assert.equal(body.tool_choice, 'required');
  });

  it('reports tool calls as finish reason tool_calls even when the server says stop', async () => {
    const server = await start({ replies: [{ toolCalls: [{ name: 'readFile', arguments: {} }], finishReason: 'stop' }, { content: 'cut short', finishReason: 'length' }] });
    const withCalls = await modelFor(server).chat(request(ask('x'), { tools: [readFile] }));
    assert.equal(withCalls.finishReason, 'tool_calls');
    assert.deepEqual(withCalls.toolCalls[0].arguments, {});
    assert.equal((await modelFor(server).chat(request(ask('x')))).finishReason, 'length');
  });

  it('sends earlier tool calls and results in OpenAI form', async () => {
    const server = await start();
    await modelFor(server).chat(
      request([
        ...ask('Review'),
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'readFile', arguments: { path: 'a.ts' } }] },
        { role: 'tool', toolCallId: 'call_1', name: 'readFile', content: 'const a = 1;' },
      ], { tools: [readFile] }),
    );
    const messages = server.chatRequests()[0].body.messages;
    assert.deepEqual(messages[1], {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'readFile', arguments: '{"path":"a.ts"}' } }],
    });
    assert.deepEqual(messages[2], { role: 'tool', tool_call_id: 'call_1', content: 'const a = 1;' });
    assert.equal(server.chatRequests()[0].body.tool_choice, undefined, 'auto mode sends no tool_choice');
  });

  it('falls back to the text tool protocol when the server rejects tools, and remembers it per model', async () => {
    const server = await start({
      models: ['no-tools-model', 'other-model'],
      replies: [
        {
          rejectTools: true,
          times: Infinity,
          content: 'I will read it.\n<tool_call>{"name": "readFile", "arguments": {"path": "src/a.ts"}}</tool_call>',
        },
      ],
    });
    const model = modelFor(server, { model: 'no-tools-model' });
    const first = request([{ role: 'system', content: 'You review code.' }, ...ask('Review a.ts')], { tools: [readFile] });
    const response = await model.chat(first);
    assert.equal(response.usedTextToolProtocol, true);
    assert.equal(response.text, 'I will read it.');
    assert.equal(response.finishReason, 'tool_calls');
    assert.equal(response.toolCalls.length, 1);
    assert.equal(response.toolCalls[0].name, 'readFile');
    assert.deepEqual(response.toolCalls[0].arguments, { path: 'src/a.ts' });
    const shownText = first.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
    assert.ok(!shownText.includes('tool_call'), `streamed text hides the block: ${JSON.stringify(shownText)}`);
    assert.ok(shownText.startsWith('I will read it.'));
    assert.deepEqual(first.parts.filter((p) => p.type === 'toolCall').length, 1);

    const [withTools, retry] = server.chatRequests();
    assert.equal(withTools.body.tools.length, 1);
    assert.equal(retry.body.tools, undefined);
    assert.equal(retry.body.messages[0].role, 'system');
    assert.match(retry.body.messages[0].content, /^You review code\.\n\n[\s\S]*<tool_call>[\s\S]*readFile/);

    // Second call on the same model: straight to the text protocol, tool results as plain user text.
    const second = await model.chat(
      request([
        ...ask('Review a.ts'),
        { role: 'assistant', content: 'I will read it.', toolCalls: response.toolCalls },
        { role: 'tool', toolCallId: response.toolCalls[0].id, name: 'readFile', content: 'export const a = 1;' },
      ], { tools: [readFile] }),
    );
    assert.equal(second.usedTextToolProtocol, true);
    assert.equal(server.chatRequests().length, 3, 'no second refusal');
    const third = server.chatRequests()[2].body;
    assert.equal(third.tools, undefined);
    assert.ok(third.messages.every((m: any) => m.role !== 'tool' && m.tool_calls === undefined));
    assert.match(third.messages[2].content, /<tool_call>\{"name":"readFile"/);
    assert.match(third.messages[3].content, /<tool_result name="readFile"[^>]*>\nexport const a = 1;/);

    // Another model on the same server is tried natively first.
    await modelFor(server, { model: 'other-model' }).chat(request(ask('x'), { tools: [readFile] }));
    assert.equal(server.chatRequests()[3].body.tools.length, 1);
  });

  it('marks malformed native tool arguments on the call, naming the tool, instead of failing the reply', async () => {
    const server = await start({ replies: [{ toolCalls: [{ name: 'readFile', arguments: '{"path": "a.ts"' }] }] });
    const reply = await modelFor(server).chat(request(ask('x'), { tools: [readFile] }));
    assert.equal(reply.toolCalls.length, 1);
    assert.deepEqual(reply.toolCalls[0].arguments, {});
    assert.match(reply.toolCalls[0].argumentsError ?? '', /"readFile".*not valid JSON/);
  });

  it('rejects an unreadable text-protocol tool call', async () => {
    const server = await start({ replies: [{ rejectTools: true, content: 'Ok <tool_call>{"name": readFile}</tool_call>' }] });
    await rejectsWith(modelFor(server).chat(request(ask('x'), { tools: [readFile] })), 'modelReplyMalformed', /could not be read/);
  });

  it('maps 401 to an authentication error that points at "Set API Key", and sends the key it has', async () => {
    const server = await start({ apiKey: 'right-key' });
    const err = await rejectsWith(modelFor(server, { apiKey: 'wrong-key' }).chat(request(ask('x'))), 'authentication', /Atomic Skills: Set API Key/);
    assert.match(err.message, /401/);
    await rejectsWith(modelFor(server).chat(request(ask('x'))), 'authentication');
    const ok = await modelFor(server, { apiKey: 'right-key' }).chat(request(ask('x')));
    assert.equal(ok.text, '(no scripted reply)');
    assert.equal(server.requests[2].headers.authorization, 'Bearer right-key');
  });

  it('maps 404 for an unknown model to a configuration error naming the model', async () => {
    const server = await start({ models: ['real-model'] });
    await rejectsWith(modelFor(server, { model: 'imaginary-model' }).chat(request(ask('x'))), 'configuration', /"imaginary-model"/);
  });

  it('maps 404 for a wrong base URL to a configuration error about the base URL', async () => {
    const server = await start();
    const baseUrl = `http://127.0.0.1:${server.port}`;
    await rejectsWith(modelFor(server, { baseUrl }).chat(request(ask('x'))), 'configuration', /atomicSkills\.model\.baseUrl.*\/v1/);
  });

  it('maps other HTTP errors to endpointError with status and message, after the configured retries', async () => {
    const server = await start({ replies: [{ status: 400, error: { message: 'context length exceeded' } }, { status: 503, error: { message: 'busy' } }] });
    await rejectsWith(modelFor(server).chat(request(ask('x'), { tools: [readFile] })), 'endpointError', /HTTP 400: context length exceeded/);
    assert.equal(server.chatRequests().length, 1, 'a 400 not about tools is not retried without tools');
    const retried = await modelFor(server, { maxRetries: 1 }).chat(request(ask('x')));
    assert.equal(retried.text, '(no scripted reply)');
    assert.equal(server.chatRequests().length, 3, 'the 503 was retried once');
    server.enqueue({ status: 500, error: { message: 'kaput' } });
    await rejectsWith(modelFor(server).chat(request(ask('x'))), 'endpointError', /HTTP 500: kaput/);
  });

  it('maps a refused connection to endpointUnreachable naming the URL and the setting', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const model = new OpenAiCompatibleModel({ baseUrl, model: 'm', timeoutMs: 2000, maxRetries: 0 });
    const err = await rejectsWith(model.chat(request(ask('x'))), 'endpointUnreachable', /ECONNREFUSED/);
    assert.ok(err.message.includes(baseUrl));
    assert.match(err.message, /atomicSkills\.model\.baseUrl/);
  });

  it('reports a cut stream as endpointError after streaming what arrived', async () => {
    const server = await start({ replies: [{ content: 'one two three four five six', cutAfterChunks: 3 }] });
    const req = request(ask('x'));
    await rejectsWith(modelFor(server).chat(req), 'endpointError', /stream .* was cut/);
    assert.deepEqual(req.parts, [{ type: 'text', text: 'one ' }, { type: 'text', text: 'two ' }]);
  });

  it('reports a stream that ends without a finish reason as cut', async () => {
    const server = await start({ replies: [{ content: 'half an answer', finishReason: '' }] });
    await rejectsWith(modelFor(server).chat(request(ask('x'))), 'endpointError', /was cut before the reply finished\. Try again/);
  });

  it('cancels mid-stream promptly when the signal aborts', async () => {
    const server = await start({ replies: [{ content: 'a b c d e f g h i j', chunkDelayMs: 300 }] });
    const controller = new AbortController();
    let abortedAt = 0;
    const req = request(ask('x'), {
      signal: controller.signal,
      onPart: () => {
        if (!abortedAt) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    await rejectsWith(modelFor(server).chat(req), 'cancelled');
    assert.ok(abortedAt > 0, 'a part arrived before the abort');
    assert.ok(Date.now() - abortedAt < 250, `rejected ${Date.now() - abortedAt} ms after the abort`);
    assert.equal(server.chatRequests().length, 1);
  });

  it('cancels while waiting for the first byte, and never sends an already cancelled request', async () => {
    const server = await start({ replies: [{ content: 'late', delayMs: 3000 }] });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await rejectsWith(modelFor(server).chat(request(ask('x'), { signal: controller.signal })), 'cancelled');
    assert.ok(Date.now() - started < 1000);
    assert.equal(server.chatRequests().length, 1);
    await rejectsWith(modelFor(server).chat(request(ask('x'), { signal: AbortSignal.abort() })), 'cancelled');
    assert.equal(server.chatRequests().length, 1);
  });

  it('times out when the server does not answer, and when the stream stalls', async () => {
    const server = await start({ replies: [{ content: 'late', delayMs: 3000 }, { content: 'a b c d', chunkDelayMs: 3000 }] });
    let started = Date.now();
    await rejectsWith(modelFor(server, { timeoutMs: 200 }).chat(request(ask('x'))), 'endpointUnreachable', /did not answer within 200 ms/);
    assert.ok(Date.now() - started < 1500);
    started = Date.now();
    const req = request(ask('x'));
    // Only the empty role chunk arrived: the server has not answered yet.
    await rejectsWith(modelFor(server, { timeoutMs: 300 }).chat(req), 'endpointUnreachable', /sent no reply within 300 ms \(only empty events\)/);
    assert.ok(Date.now() - started < 1500);
    assert.ok(req.parts.length <= 1);
  });
});

/** A plain HTTP server answering every chat request with one fixed response (what a web page or a proxy may send). */
async function fixedAnswer(status: number, contentType: string, body: string): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
}

describe('answers that are not an OpenAI stream', () => {
  const modelAt = (baseUrl: string) => new OpenAiCompatibleModel({ baseUrl, model: 'm', timeoutMs: 5000, maxRetries: 0 });

  it('a web page (200 text/html) is a configuration error naming the base URL setting, not a cut stream', async () => {
    const url = await fixedAnswer(200, 'text/html', '<html><body>Open WebUI</body></html>');
    await rejectsWith(modelAt(url).chat(request(ask('x'))), 'configuration', /answered a streamed chat request with text\/html, not an event stream\. Check atomicSkills\.model\.baseUrl/);
  });

  it('a proxy that drops streaming (200 application/json) says so', async () => {
    const url = await fixedAnswer(200, 'application/json', JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'hi' } }] }));
    await rejectsWith(modelAt(url).chat(request(ask('x'))), 'configuration', /application\/json, not an event stream/);
  });

  it('429 after the retries says to wait; a context-length 400 says to send less', async () => {
    const limited = await fixedAnswer(429, 'application/json', JSON.stringify({ error: { message: 'Rate limit reached' } }));
    await rejectsWith(modelAt(limited).chat(request(ask('x'))), 'endpointError', /limiting requests \(HTTP 429: Rate limit reached\).*Wait a minute/);
    const long = await fixedAnswer(400, 'application/json', JSON.stringify({ error: { message: "This model's maximum context length is 8192 tokens" } }));
    await rejectsWith(modelAt(long).chat(request(ask('x'))), 'endpointError', /larger than the model .* can take .*less code/);
  });
});
