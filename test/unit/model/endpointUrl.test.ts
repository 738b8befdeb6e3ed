import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settingDeclarations, settingsFrom } from '../../../src/core/config';
import { redactCredentials } from '../../../src/core/feedback/redactText';
import { checkedBaseUrl, displayUrl, endpointOrigin, parseStoredKeys, serializeStoredKeys } from '../../../src/core/model/endpointUrl';
import { resolveModel } from '../../../src/core/model/resolveModel';

describe('the configured base URL', () => {
  it('accepts http(s) URLs as written', () => {
    assert.equal(checkedBaseUrl('http://127.0.0.1:8000/v1'), 'http://127.0.0.1:8000/v1');
    assert.equal(checkedBaseUrl('https://api.openai.com/v1'), 'https://api.openai.com/v1');
  });

  it('refuses a URL without a scheme or with another scheme, saying how to write it', () => {
    assert.throws(() => checkedBaseUrl('127.0.0.1:8000/v1'), (e: Error & { reason?: string }) => e.reason === 'configuration' && /Add the scheme, e.g. http:\/\/127\.0\.0\.1:8000\/v1/.test(e.message));
    assert.throws(() => checkedBaseUrl('localhost:11434/v1'), /atomicSkills\.model\.baseUrl "localhost:11434\/v1" is not an http\(s\) URL/);
    assert.throws(() => checkedBaseUrl('ftp://host/v1'), /Use an http:\/\/ or https:\/\/ URL/);
  });

  it('refuses a user name or password in the URL without printing it, and names where the key goes', () => {
    for (const url of ['http://alice:Hunter2-pw@127.0.0.1:8000/v1', 'alice:Hunter2-pw@127.0.0.1:8000/v1', 'https://Hunter2-pw@api.example.com/v1', 'http:\\\\alice:Hunter2-pw@host/v1']) {
      assert.throws(
        () => checkedBaseUrl(url),
        (e: Error & { reason?: string }) => {
          assert.equal(e.reason, 'configuration', url);
          assert.doesNotMatch(e.message, /Hunter2/, url);
          assert.match(e.message, /has a user name or password in it.*Put the credential in the API key instead: run "Atomic Skills: Set API Key" and remove it from the URL\./, url);
          return true;
        },
      );
    }
    // Having seen it, the process keeps it out of every later message, whoever prints the URL.
    assert.equal(redactCredentials('GET http://x/?p=Hunter2-pw failed'), 'GET http://x/?p=[REDACTED:password] failed');
    assert.equal(checkedBaseUrl('http://127.0.0.1:8000/v1?user=a@b'), 'http://127.0.0.1:8000/v1?user=a@b', 'an @ after the host is no credential');
  });

  it('a URL is displayed with its user part masked; the settings editor refuses one with the same rule', () => {
    assert.equal(displayUrl('http://alice:pw@127.0.0.1:8000/v1'), 'http://[REDACTED:userinfo]@127.0.0.1:8000/v1');
    assert.equal(displayUrl('alice:pw@127.0.0.1/v1'), '[REDACTED:userinfo]@127.0.0.1/v1');
    assert.equal(displayUrl('http://127.0.0.1:8000/v1'), 'http://127.0.0.1:8000/v1');
    const pattern = new RegExp(settingDeclarations['atomicSkills.model.baseUrl'].pattern, 'u');
    for (const ok of ['', 'http://127.0.0.1:8000/v1', 'https://api.openai.com/v1', 'http://h/v1?x=a@b']) assert.ok(pattern.test(ok), ok);
    for (const bad of ['http://alice:pw@h/v1', 'https://tok@h/v1', 'alice:pw@h:1/v1']) assert.ok(!pattern.test(bad), bad);
  });

  it('resolving a model with a bad base URL fails with the configuration error before any request', async () => {
    const settings = settingsFrom((k) => (k === 'atomicSkills.model.baseUrl' ? '127.0.0.1:8000/v1' : k === 'atomicSkills.model.name' ? 'm' : undefined));
    let created = 0;
    await assert.rejects(
      resolveModel(settings, { discoverLocal: async () => ({ tried: [] }), listModels: async () => [], createOpenAi: () => (created++, {} as never) }),
      (e: Error & { reason?: string }) => e.reason === 'configuration',
    );
    assert.equal(created, 0);
  });

  it('the configured key goes to the configured endpoint only, never to a discovered local server', async () => {
    const seen: Array<string | undefined> = [];
    const deps = {
      apiKey: 'secret',
      discoverLocal: async () => ({ found: { baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama'], name: 'Ollama' as const }, tried: [] }),
      listModels: async () => ['m'],
      createOpenAi: (o: { apiKey?: string }) => (seen.push(o.apiKey), {} as never),
    };
    await resolveModel(settingsFrom((k) => (k === 'atomicSkills.model.baseUrl' ? 'https://api.example.com/v1' : undefined)), deps);
    await resolveModel(settingsFrom(() => undefined), deps);
    assert.deepEqual(seen, ['secret', undefined]);
  });
});

describe('API keys bound to an endpoint origin', () => {
  it('the origin is scheme, host and port', () => {
    assert.equal(endpointOrigin('https://api.openai.com/v1'), 'https://api.openai.com');
    assert.equal(endpointOrigin('http://127.0.0.1:8000/v1/'), 'http://127.0.0.1:8000');
  });

  it('stored keys round-trip per origin, and a key for one origin is not found under another', () => {
    const keys = new Map([['https://api.openai.com', 'sk-1'], ['http://127.0.0.1:8000', 'local']]);
    const back = parseStoredKeys(serializeStoredKeys(keys));
    assert.equal(back.get('https://api.openai.com'), 'sk-1');
    assert.equal(back.get('https://evil.example'), undefined);
  });

  it('a bare key stored before binding belongs to the user-level origin, or to none', () => {
    assert.deepEqual([...parseStoredKeys('sk-old', 'https://api.openai.com')], [['https://api.openai.com', 'sk-old']]);
    assert.equal(parseStoredKeys('sk-old').size, 0);
    assert.equal(parseStoredKeys(undefined, 'https://x').size, 0);
  });
});
