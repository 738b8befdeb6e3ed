import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { settingsFrom, type SettingKey } from '../../../src/core/config';
import { listModels, probeLocalServers, type LocalServerName } from '../../../src/core/model/localDiscovery';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import { noModelMessage, resolveModel, type ModelResolutionDeps } from '../../../src/core/model/resolveModel';
import type { ChatModel } from '../../../src/core/model/types';
import { closedPort } from '../../support/closedPort';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { rejectsWithReason } from '../helpers/assertions';
import { closeServers, startServer } from '../helpers/servers';

after(closeServers);

const settings = (values: Partial<Record<SettingKey, unknown>>) => settingsFrom((key) => values[key]);

interface Created {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  maxRetries: number;
}

/** Real dependencies: model listing and discovery over HTTP, the real OpenAI-compatible model. */
async function deps(options: { apiKey?: string; host?: ChatModel; localPorts?: Partial<Record<LocalServerName, number>> } = {}) {
  const created: Created[] = [];
  const dead = await closedPort();
  const ports: Record<LocalServerName, number> = { Ollama: dead, 'LM Studio': dead, vLLM: dead, 'llama.cpp': dead, ...options.localPorts };
  const value: ModelResolutionDeps = {
    apiKey: options.apiKey,
    hostModel: options.host ? async () => options.host : async () => undefined,
    discoverLocal: () => probeLocalServers({ timeoutMs: 1000, ports }),
    listModels: (baseUrl, key) => listModels(baseUrl, { apiKey: key, timeoutMs: 2000 }),
    createOpenAi: (o) => {
      created.push(o);
      return new OpenAiCompatibleModel(o);
    },
  };
  return { value, created };
}

const modelsRequests = (server: ScriptedModelServer) => server.requests.filter((r) => r.path === '/v1/models');

async function say(model: ChatModel, text = 'hi'): Promise<string> {
  return (await model.chat({ messages: [{ role: 'user', content: text }], signal: new AbortController().signal })).text;
}

describe('resolveModel: the configured endpoint', () => {
  it('uses the named model at the base URL without listing models, with the timeout and retries of the settings', async () => {
    const server = await startServer({ models: ['a', 'b'], replies: [{ content: 'from b' }] });
    const d = await deps();
    const model = await resolveModel(
      settings({ 'atomicSkills.model.backend': 'openai', 'atomicSkills.model.baseUrl': server.url, 'atomicSkills.model.name': 'b', 'atomicSkills.model.requestTimeoutSeconds': 7, 'atomicSkills.model.maxRetries': 1 }),
      d.value,
    );
    assert.deepEqual(model.identity, { backend: 'openai', model: 'b', endpoint: server.url });
    assert.deepEqual(d.created, [{ baseUrl: server.url, model: 'b', apiKey: undefined, timeoutMs: 7000, replyTimeoutMs: 600_000, maxRetries: 1 }]);
    assert.equal(modelsRequests(server).length, 0);
    assert.equal(await say(model), 'from b');
    assert.equal(server.chatRequests()[0].body.model, 'b');
  });

  it('takes the first model the endpoint lists when no name is set', async () => {
    const server = await startServer({ models: ['first-model', 'second-model'], replies: [{ content: 'ok' }] });
    const model = await resolveModel(settings({ 'atomicSkills.model.baseUrl': server.url }), (await deps()).value);
    assert.equal(model.identity.model, 'first-model');
    assert.equal(modelsRequests(server).length, 1);
    await say(model);
    assert.equal(server.chatRequests()[0].body.model, 'first-model');
  });

  it('sends the API key when listing models and when chatting', async () => {
    const server = await startServer({ models: ['m'], apiKey: 'sk-test', replies: [{ content: 'authorised' }] });
    const model = await resolveModel(settings({ 'atomicSkills.model.baseUrl': server.url }), (await deps({ apiKey: 'sk-test' })).value);
    assert.equal(await say(model), 'authorised');
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), ['Bearer sk-test', 'Bearer sk-test']);
  });

  it('reports a refused API key while listing models as an authentication error', async () => {
    const server = await startServer({ apiKey: 'right' });
    await rejectsWithReason(resolveModel(settings({ 'atomicSkills.model.baseUrl': server.url }), (await deps({ apiKey: 'wrong' })).value), 'authentication');
  });

  it('says when the endpoint lists no models', async () => {
    const server = await startServer({ models: [] });
    await rejectsWithReason(resolveModel(settings({ 'atomicSkills.model.baseUrl': server.url }), (await deps()).value), 'noModel', /lists no models; set atomicSkills\.model\.name/);
  });

  it('says the endpoint is unreachable when nothing listens there', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    await rejectsWithReason(resolveModel(settings({ 'atomicSkills.model.baseUrl': url }), (await deps()).value), 'endpointUnreachable', /Cannot reach/);
  });

  it('asks for a base URL when the backend is "openai" without one', async () => {
    const server = await startServer();
    const d = await deps({ localPorts: { Ollama: server.port } });
    await rejectsWithReason(resolveModel(settings({ 'atomicSkills.model.backend': 'openai' }), d.value), 'configuration', /baseUrl is empty/);
    assert.equal(server.requests.length, 0, 'no local server is probed');
  });
});

describe('resolveModel: auto', () => {
  it('prefers the configured endpoint over a host model and a local server', async () => {
    const configured = await startServer({ models: ['configured'] });
    const local = await startServer({ models: ['local'] });
    const host = new OpenAiCompatibleModel({ baseUrl: 'http://127.0.0.1:9/v1', model: 'host-model', timeoutMs: 1000, maxRetries: 0 });
    const model = await resolveModel(settings({ 'atomicSkills.model.baseUrl': configured.url }), (await deps({ host, localPorts: { Ollama: local.port } })).value);
    assert.deepEqual(model.identity, { backend: 'openai', model: 'configured', endpoint: configured.url });
    assert.equal(local.requests.length, 0);
  });

  it('takes the host model when no endpoint is configured, before probing local servers', async () => {
    const local = await startServer({ models: ['local'] });
    const hostServer = await startServer({ models: ['host-model'], replies: [{ content: 'host says hi' }] });
    const host = new OpenAiCompatibleModel({ baseUrl: hostServer.url, model: 'host-model', timeoutMs: 5000, maxRetries: 0 });
    const model = await resolveModel(settings({}), (await deps({ host, localPorts: { Ollama: local.port } })).value);
    assert.equal(model, host);
    assert.equal(local.requests.length, 0);
    assert.equal(await say(model), 'host says hi');
  });

  it('falls back to the first local server that answers, using the models it listed', async () => {
    const lmStudio = await startServer({ models: ['lm-studio-model', 'other'], replies: [{ content: 'local reply' }] });
    const vllm = await startServer({ models: ['vllm-model'] });
    const d = await deps({ localPorts: { 'LM Studio': lmStudio.port, vLLM: vllm.port } });
    const model = await resolveModel(settings({}), d.value);
    assert.deepEqual(model.identity, { backend: 'openai', model: 'lm-studio-model', endpoint: lmStudio.url });
    assert.equal(modelsRequests(lmStudio).length, 1, 'the discovery probe is the only model listing');
    assert.equal(await say(model), 'local reply');
  });

  it('uses the configured model name at a discovered local server', async () => {
    const local = await startServer({ models: ['x', 'wanted'] });
    const model = await resolveModel(settings({ 'atomicSkills.model.name': 'wanted' }), (await deps({ localPorts: { Ollama: local.port } })).value);
    assert.equal(model.identity.model, 'wanted');
  });

  it('says no model is connected, naming every local server tried and what it answered, when there is no endpoint, host model or local server', async () => {
    const d = await deps();
    const err = await rejectsWithReason(resolveModel(settings({}), d.value), 'noModel');
    assert.match(err.message, /^No model is connected: none of the local servers answered \(tried Ollama, LM Studio, vLLM and llama\.cpp\)\. Set atomicSkills\.model\.baseUrl/);
    assert.notEqual(err.message, noModelMessage);
    const lines = (err.detail ?? '').split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^Ollama at http:\/\/127\.0\.0\.1:\d+\/v1: nothing is listening \(connection refused\)$/);
    assert.match(lines[3], /^llama\.cpp at http:\/\/127\.0\.0\.1:\d+\/v1: /);
  });

  it('passes over a local server with no model loaded for one that has models, and names it when none has', async () => {
    const empty = await startServer({ models: [] });
    const full = await startServer({ models: ['coder'], replies: [{ content: 'from vllm' }] });
    const model = await resolveModel(settings({}), (await deps({ localPorts: { Ollama: empty.port, vLLM: full.port } })).value);
    assert.equal(model.identity.endpoint, full.url);
    const err = await rejectsWithReason(resolveModel(settings({}), (await deps({ localPorts: { 'LM Studio': empty.port } })).value), 'noModel');
    assert.match(err.message, /^No model is connected: LM Studio is running but lists no models \(load or pull one\)\./);
    assert.match(err.detail ?? '', new RegExp(`LM Studio at ${empty.url.replace(/[./]/g, '\\$&')}: running, but lists no models`));
  });
});

describe('resolveModel: a configured model the endpoint does not serve', () => {
  it('fails the chat call with the models the endpoint lists', async () => {
    const server = await startServer({ models: ['qwen2.5-coder:7b', 'llama3.1:8b'] });
    const model = await resolveModel(settings({ 'atomicSkills.model.baseUrl': server.url, 'atomicSkills.model.name': 'gpt-4o' }), (await deps()).value);
    const err = await rejectsWithReason(say(model), 'configuration');
    assert.equal(
      err.message,
      `The model "gpt-4o" is not available at ${server.url}. The server lists 2 models: qwen2.5-coder:7b, llama3.1:8b. Set atomicSkills.model.name to one of them, or load/pull "gpt-4o" on the server.`,
    );
    assert.equal(modelsRequests(server).length, 1, 'listed once, after the 404');
  });

  it('keeps the 404 of a wrong base URL as it was (the model list fails too)', async () => {
    const server = await startServer({ models: ['m'] });
    const wrong = server.url.replace(/\/v1$/, '/api');
    const model = await resolveModel(settings({ 'atomicSkills.model.baseUrl': wrong, 'atomicSkills.model.name': 'm' }), (await deps()).value);
    const err = await rejectsWithReason(say(model), 'configuration');
    assert.match(err.message, /has no such API/);
  });

  it('does not list models when the model came from the list', async () => {
    const server = await startServer({ models: ['only'], replies: [{ content: 'ok' }] });
    const model = await resolveModel(settings({ 'atomicSkills.model.baseUrl': server.url }), (await deps()).value);
    assert.equal(await say(model), 'ok');
    assert.equal(modelsRequests(server).length, 1, 'the one listing that chose the model');
  });
});

describe('resolveModel: vscode-lm', () => {
  it('takes the host model even when an endpoint is configured', async () => {
    const configured = await startServer({ models: ['configured'] });
    const host = new OpenAiCompatibleModel({ baseUrl: 'http://127.0.0.1:9/v1', model: 'host-model', timeoutMs: 1000, maxRetries: 0 });
    const model = await resolveModel(settings({ 'atomicSkills.model.backend': 'vscode-lm', 'atomicSkills.model.baseUrl': configured.url }), (await deps({ host })).value);
    assert.equal(model, host);
    assert.equal(configured.requests.length, 0);
  });

  it('fails without a host model instead of using a local server', async () => {
    const local = await startServer({ models: ['local'] });
    await rejectsWithReason(
      resolveModel(settings({ 'atomicSkills.model.backend': 'vscode-lm' }), (await deps({ localPorts: { Ollama: local.port } })).value),
      'noModel',
      /"vscode-lm" but VS Code offers no chat model/,
    );
    assert.equal(local.requests.length, 0);
  });
});
