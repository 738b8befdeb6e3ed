import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import { LOCAL_SERVER_PORTS, discoverLocalServer, listModels } from '../../../src/core/model/localDiscovery';
import { closedPort } from '../../support/closedPort';
import { startScriptedModelServer, type ScriptedModelServer, type ScriptedModelServerOptions } from '../../support/scriptedModelServer';

const servers: ScriptedModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function start(options?: ScriptedModelServerOptions) {
  const server = await startScriptedModelServer(options);
  servers.push(server);
  return server;
}

function isReason(reason: AtomicError['reason'], message?: RegExp) {
  return (err: unknown) => err instanceof AtomicError && err.reason === reason && (!message || message.test(err.message));
}

describe('listModels', () => {
  it('returns the ids the endpoint lists, sending the API key', async () => {
    const server = await start({ models: ['qwen2.5-coder:7b', 'llama3.1:8b'], apiKey: 'k' });
    assert.deepEqual(await listModels(server.url, { apiKey: 'k', timeoutMs: 2000 }), ['qwen2.5-coder:7b', 'llama3.1:8b']);
    assert.equal(server.requests[0].path, '/v1/models');
    assert.equal(server.requests[0].headers.authorization, 'Bearer k');
  });

  it('maps a refused key, a closed port and an aborted signal to typed errors', async () => {
    const server = await start({ apiKey: 'k' });
    await assert.rejects(listModels(server.url, { timeoutMs: 2000 }), isReason('authentication', /Set API Key/));
    const closed = `http://127.0.0.1:${await closedPort()}/v1`;
    await assert.rejects(listModels(closed, { timeoutMs: 2000 }), isReason('endpointUnreachable', /ECONNREFUSED/));
    await assert.rejects(listModels(server.url, { apiKey: 'k', timeoutMs: 2000, signal: AbortSignal.abort() }), isReason('cancelled'));
  });

  it('rejects a base URL without the models API as a configuration error', async () => {
    const server = await start();
    await assert.rejects(listModels(`http://127.0.0.1:${server.port}`, { timeoutMs: 2000 }), isReason('configuration', /baseUrl/));
  });
});

describe('discoverLocalServer', () => {
  it('probes the well-known ports by default', () => {
    assert.deepEqual(LOCAL_SERVER_PORTS, { Ollama: 11434, 'LM Studio': 1234, vLLM: 8000, 'llama.cpp': 8080 });
  });

  it('returns the most preferred server that answers', async () => {
    const lmStudio = await start({ models: ['lm-model'] });
    const llamaCpp = await start({ models: ['gguf-model'] });
    const found = await discoverLocalServer({
      timeoutMs: 1000,
      ports: { Ollama: await closedPort(), 'LM Studio': lmStudio.port, vLLM: await closedPort(), 'llama.cpp': llamaCpp.port },
    });
    assert.deepEqual(found, { name: 'LM Studio', baseUrl: `http://127.0.0.1:${lmStudio.port}/v1`, models: ['lm-model'] });
    assert.equal(llamaCpp.requests.length, 1, 'probed in parallel');
  });

  it('skips a server that refuses the probe', async () => {
    const locked = await start({ apiKey: 'secret' });
    const open = await start({ models: ['open-model'] });
    const found = await discoverLocalServer({
      timeoutMs: 1000,
      ports: { Ollama: locked.port, 'LM Studio': await closedPort(), vLLM: open.port, 'llama.cpp': await closedPort() },
    });
    assert.equal(found?.name, 'vLLM');
    assert.deepEqual(found?.models, ['open-model']);
  });

  it('returns undefined quickly when nothing answers', async () => {
    const started = Date.now();
    const found = await discoverLocalServer({
      timeoutMs: 300,
      ports: { Ollama: await closedPort(), 'LM Studio': await closedPort(), vLLM: await closedPort(), 'llama.cpp': await closedPort() },
    });
    assert.equal(found, undefined);
    assert.ok(Date.now() - started < 1000);
  });
});
