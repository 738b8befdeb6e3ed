import assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, describe, it } from 'node:test';
import { probeLocalServers, type LocalProbe } from '../../../src/core/model/localDiscovery';
import { missingModelMessage, noModelError, noModelMessage, noModelStatus, probeOutcome } from '../../../src/core/model/modelSetupGuidance';
import { closedPort } from '../../support/closedPort';
import { closeServers, startServer } from '../helpers/servers';

after(closeServers);

/** A web server that is not an OpenAI-compatible API: 200 with an HTML page on every path. */
async function webPage(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port that accepts connections and never answers. */
async function silent(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('probeLocalServers: what each server answered', () => {
  it('reports all four, in order of preference, with their URLs and outcomes, and finds the first with models', async () => {
    const locked = await startServer({ apiKey: 'secret' });
    const page = await webPage();
    const llama = await startServer({ models: ['gguf'] });
    const dead = await closedPort();
    try {
      const discovery = await probeLocalServers({ timeoutMs: 1500, ports: { Ollama: dead, 'LM Studio': locked.port, vLLM: page.port, 'llama.cpp': llama.port } });
      assert.deepEqual(discovery.found, { name: 'llama.cpp', baseUrl: llama.url, models: ['gguf'] });
      assert.deepEqual(discovery.tried.map((p) => [p.name, p.baseUrl]), [
        ['Ollama', `http://127.0.0.1:${dead}/v1`],
        ['LM Studio', locked.url],
        ['vLLM', `http://127.0.0.1:${page.port}/v1`],
        ['llama.cpp', llama.url],
      ]);
      assert.deepEqual(discovery.tried.map(probeOutcome), [
        'nothing is listening (connection refused)',
        'answers, but asks for an API key',
        'something answers, but not with an OpenAI-compatible model list',
        'serves 1 model: gguf',
      ]);
    } finally {
      await page.close();
    }
  });

  it('a server that never answers is reported as such within the probe time limit', async () => {
    const hang = await silent();
    try {
      const started = Date.now();
      const dead = await closedPort();
      const { found, tried } = await probeLocalServers({ timeoutMs: 300, ports: { Ollama: hang.port, 'LM Studio': dead, vLLM: dead, 'llama.cpp': dead } });
      assert.equal(found, undefined);
      assert.equal(probeOutcome(tried[0]), 'no answer in time');
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    } finally {
      await hang.close();
    }
  });
});

const probe = (name: LocalProbe['name'], port: number, rest: Partial<LocalProbe>): LocalProbe => ({ name, baseUrl: `http://127.0.0.1:${port}/v1`, ...rest });
const refused = { problem: { reason: 'endpointUnreachable' as const, message: 'Cannot reach the model endpoint at x (ECONNREFUSED). Check …' } };

describe('noModelError', () => {
  const tried = [probe('Ollama', 11434, refused), probe('LM Studio', 1234, refused), probe('vLLM', 8000, refused), probe('llama.cpp', 8080, refused)];

  it('says what was tried in its message and a line per server in its detail', () => {
    const err = noModelError(tried);
    assert.equal(err.reason, 'noModel');
    assert.equal(
      err.message,
      'No model is connected: none of the local servers answered (tried Ollama, LM Studio, vLLM and llama.cpp). Set atomicSkills.model.baseUrl to an OpenAI-compatible endpoint (vLLM, Ollama, LM Studio, OpenAI), start a local server, or sign in to a VS Code chat model provider.',
    );
    assert.deepEqual(err.detail?.split('\n'), [
      'Ollama at http://127.0.0.1:11434/v1: nothing is listening (connection refused)',
      'LM Studio at http://127.0.0.1:1234/v1: nothing is listening (connection refused)',
      'vLLM at http://127.0.0.1:8000/v1: nothing is listening (connection refused)',
      'llama.cpp at http://127.0.0.1:8080/v1: nothing is listening (connection refused)',
    ]);
  });

  it('names servers that run without a model', () => {
    const err = noModelError([probe('Ollama', 11434, { models: [] }), probe('LM Studio', 1234, { models: [] }), probe('vLLM', 8000, refused)]);
    assert.match(err.message, /^No model is connected: Ollama and LM Studio are running but list no models \(load or pull one\)\./);
  });

  it('without a discovery, keeps the general message', () => {
    assert.equal(noModelError([]).message, noModelMessage);
  });

  it('the status bar: short text, the tried servers in the tooltip, and where a click goes', () => {
    const status = noModelStatus(noModelError(tried));
    assert.equal(status.text, '$(warning) Atomic: no model');
    assert.match(status.tooltip, /^Atomic Skills: No model is connected: /);
    assert.match(status.tooltip, /Tried:\n• Ollama at http:\/\/127\.0\.0\.1:11434\/v1: nothing is listening \(connection refused\)\n• LM Studio/);
    assert.match(status.tooltip, /Click to configure the model\.$/);
  });
});

describe('probeOutcome and missingModelMessage', () => {
  it('shows at most five models and counts the rest', () => {
    const models = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    assert.equal(probeOutcome(probe('Ollama', 1, { models })), 'serves 7 models: a, b, c, d, e and 2 more');
  });

  it('words other failures with what the server said', () => {
    assert.equal(probeOutcome(probe('vLLM', 1, { problem: { reason: 'endpointError', message: 'HTTP 500: boom' } })), 'answers with an error: HTTP 500: boom');
    assert.equal(probeOutcome(probe('vLLM', 1, { problem: { reason: 'endpointUnreachable', message: 'Cannot reach (EHOSTUNREACH).' } })), 'not reachable (EHOSTUNREACH)');
  });

  it('a missing model: the models the server lists, or that it lists none', () => {
    assert.equal(missingModelMessage('m', 'http://h/v1', ['a']), 'The model "m" is not available at http://h/v1. The server lists 1 model: a. Set atomicSkills.model.name to one of them, or load/pull "m" on the server.');
    assert.match(missingModelMessage('m', 'http://h/v1', []), /the server lists no models/);
  });
});
