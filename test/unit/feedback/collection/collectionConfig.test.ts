import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionSetup, defaultCollectionSettings } from '../../../../src/core/feedback/collectionConfig';

describe('collectionSetup', () => {
  it('configures nothing by default', () => {
    const setup = collectionSetup(defaultCollectionSettings, { httpToken: 'unused' }, '0.1.0');
    assert.deepEqual(setup.destinations, []);
    assert.deepEqual(setup.problems, []);
  });

  it('builds the HTTP and OTLP destinations the settings name, with limits clamped to sane ranges', () => {
    const setup = collectionSetup(
      {
        ...defaultCollectionSettings,
        httpUrl: 'https://feedback.example.com/ingest',
        otlpEndpoint: 'http://127.0.0.1:4318',
        otlpHeaders: { 'X-Scope-OrgID': 'acme', 'Content-Type': 'text/plain', 'bad header': 'x' },
        batchMaxEvents: 5000,
        flushIntervalSeconds: 1,
        maxQueueMegabytes: Number.NaN,
      },
      { httpToken: 't', otlpToken: 'o' },
      '0.1.0',
    );
    assert.deepEqual(
      setup.destinations.map((d) => [d.id, d.label]),
      [
        ['http', 'HTTP https://feedback.example.com/ingest'],
        ['otlp', 'OTLP http://127.0.0.1:4318/v1/logs'],
      ],
    );
    assert.deepEqual(setup.options, { batchMaxEvents: 1000, flushIntervalMs: 5000, queueMaxBytes: 50 * 1024 * 1024 });
    assert.deepEqual(setup.problems, [
      'atomicSkills.feedback.collection.otlp.headers: header "Content-Type" ignored.',
      'atomicSkills.feedback.collection.otlp.headers: header "bad header" ignored.',
    ]);
  });

  it('refuses to send a token over plain HTTP to a remote host, and URLs that are not http(s)', () => {
    const setup = collectionSetup(
      { ...defaultCollectionSettings, httpUrl: 'http://feedback.example.com/ingest', otlpEndpoint: 'ftp://collector:4318' },
      { httpToken: 't' },
      '0.1.0',
    );
    assert.deepEqual(setup.destinations, []);
    assert.equal(setup.problems.length, 2);
    assert.match(setup.problems[0], /http\.url: a token is set, so a remote endpoint must use https/);
    assert.match(setup.problems[1], /otlp\.endpoint must be http\(s\)/);
    const withoutToken = collectionSetup({ ...defaultCollectionSettings, httpUrl: 'http://collector.internal/ingest' }, {}, '0.1.0');
    assert.equal(withoutToken.destinations.length, 1, 'plain HTTP without a token is the organisation\'s call');
  });
});
