// Issue 13, item 5: a server that echoes the Authorization header in its error answer must not make the key
// reach a message. The real client against a scripted server on 127.0.0.1 that quotes the header in its 401.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, describe, it } from 'node:test';
import { AtomicError, errorMessage } from '../../../src/core/errors';
import { errorReport } from '../../../src/core/errorReport';
import { listModels } from '../../../src/core/model/localDiscovery';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import { startHostileModelServer } from '../../support/hostileModelServer';
import { startScriptedModelServer, type ScriptedModelServer } from '../../support/scriptedModelServer';

const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function echoingServer(): Promise<ScriptedModelServer> {
  const server = await startScriptedModelServer({ apiKey: 'the-right-key-0000', echoAuthorization: true });
  servers.push(server);
  return server;
}

/** Everything of an error a surface could print: message, detail, stack, the cause chain and its parsed body. */
function everyText(err: unknown): string {
  return [errorMessage(err), (err as AtomicError).detail ?? '', (err as Error).stack ?? '', inspect(err, { depth: 8 }), JSON.stringify(errorReport(err))].join('\n');
}

async function caught(promise: Promise<unknown>): Promise<AtomicError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AtomicError, String(err));
    return err;
  }
  assert.fail('expected a rejection');
}

describe('a 401 that echoes the Authorization header', () => {
  it('chat: the error says the key was refused and holds the key nowhere (message, detail, stack, cause, body)', async () => {
    const server = await echoingServer();
    const key = 'chat-key-not-to-be-printed-4711';
    const model = new OpenAiCompatibleModel({ baseUrl: server.url, model: 'scripted-model', apiKey: key, timeoutMs: 5000, maxRetries: 0 });
    const err = await caught(model.chat({ messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal }));
    // The server did get the key, and did echo it: the test is real.
    assert.equal(server.requests[0].headers.authorization, `Bearer ${key}`);
    assert.equal(err.reason, 'authentication');
    assert.match(err.message, /refused the API key \(HTTP 401: Incorrect API key provided/);
    assert.match(err.message, /Received "Authorization: Bearer \[REDACTED:api-key\]" \(key=\[REDACTED:api-key\]\)/);
    const text = everyText(err);
    assert.ok(!text.includes(key) && !text.includes(encodeURIComponent(key)), text);
  });

  it('listing models: the same, for a key that URL-encoding changes', async () => {
    const server = await echoingServer();
    const key = 'list/key+with=odd chars 0815';
    const err = await caught(listModels(server.url, { apiKey: key, timeoutMs: 5000 }));
    assert.equal(err.reason, 'authentication');
    const text = everyText(err);
    assert.ok(!text.includes(key) && !text.includes(encodeURIComponent(key)), text);
    assert.match(err.message, /Received "Authorization: Bearer \[REDACTED:api-key\]" \(key=\[REDACTED:api-key\]\)/);
    assert.match(text, /error: \{\n\s+message: 'Incorrect API key provided/, 'the cause keeps its parsed body, the key replaced');
  });

  it('an error event inside a stream that quotes the key', async () => {
    const key = 'stream-key-not-to-be-printed-42';
    const echo = `data: ${JSON.stringify({ error: { message: `quota exceeded for Bearer ${key}`, type: 'server_error' } })}\n\n`;
    const server = await startHostileModelServer([{ kind: 'reply', content: 'never', before: [echo] }]);
    servers.push(server);
    const model = new OpenAiCompatibleModel({ baseUrl: server.url, model: 'm', apiKey: key, timeoutMs: 5000, maxRetries: 0 });
    const err = await caught(model.chat({ messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal }));
    assert.match(err.message, /quota exceeded for Bearer \[REDACTED:api-key\]/);
    assert.ok(!everyText(err).includes(key), everyText(err));
  });
});
