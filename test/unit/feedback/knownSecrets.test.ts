// The secrets the process holds, redacted in whatever text quotes them (issue 13, item 5).
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AtomicError, errorMessage } from '../../../src/core/errors';
import { forgetKnownSecrets, minKnownSecretLength, redactKnownSecrets, rememberSecret } from '../../../src/core/feedback/knownSecrets';
import { redactEvent } from '../../../src/core/feedback/redact';
import { redactCredentials, redactSecrets } from '../../../src/core/feedback/redactText';
import { recordEvent } from './feedbackFixtures';

// No provider's shape: only knowing the value can find it.
const key = 'plain-Key/with+odd"chars&more';

beforeEach(() => forgetKnownSecrets());

describe('known secrets', () => {
  it('are replaced as written, URL-encoded and escaped in JSON', () => {
    rememberSecret(key);
    const json = JSON.stringify({ error: { message: 'bad key', received: key } });
    const texts = [
      `401: ${key} is not valid`,
      json,
      `GET /v1/models?api_key=${encodeURIComponent(key)}`,
      `{"echo":${JSON.stringify(`Authorization: Bearer ${key}`)}}`,
    ];
    for (const text of texts) {
      const out = redactKnownSecrets(text);
      assert.ok(!out.includes(key) && !out.includes(encodeURIComponent(key)) && !out.includes(JSON.stringify(key).slice(1, -1)), out);
      assert.match(out, /\[REDACTED:api-key\]/, out);
    }
    // The JSON stays JSON: the mark has no quote or backslash.
    assert.deepEqual(JSON.parse(redactKnownSecrets(json)), { error: { message: 'bad key', received: '[REDACTED:api-key]' } });
  });

  it('are trimmed when remembered, and a key inside a longer word is still cut out', () => {
    rememberSecret(`  ${key}\n`);
    assert.equal(redactKnownSecrets(`x${key}y`), 'x[REDACTED:api-key]y');
  });

  it(`shorter than ${minKnownSecretLength} characters are not remembered: placeholder keys of local servers are words`, () => {
    for (const placeholder of ['none', 'EMPTY', 'ollama', 'x', '1234567']) rememberSecret(placeholder);
    const message = 'none of the 1234567 models; EMPTY reply from ollama at http://127.0.0.1:11434/v1 (x)';
    assert.equal(redactKnownSecrets(message), message);
    rememberSecret('12345678');
    assert.equal(redactKnownSecrets('id 12345678'), 'id [REDACTED:api-key]');
  });

  it('name their kind, and a longer secret is replaced whole, not through a shorter one inside it', () => {
    rememberSecret('hunter2-password', 'password');
    rememberSecret('hunter2-password-and-more', 'token');
    assert.equal(redactKnownSecrets('a hunter2-password-and-more b hunter2-password'), 'a [REDACTED:token] b [REDACTED:password]');
  });
});

describe('redactCredentials (messages)', () => {
  it('removes Authorization and Bearer echoes, URL passwords and known token shapes even of unknown keys', () => {
    const out = redactCredentials(
      'HTTP 401: Received "Authorization: Bearer abcdefghijklmnop1234" from https://bob:pa55word@proxy.example/v1; your key sk-proj-abcdefghijklmnopqrstu1234 is wrong',
    );
    assert.doesNotMatch(out, /abcdefghijklmnop1234|pa55word|sk-proj-/);
    assert.match(out, /Authorization: Bearer \[REDACTED:authorization\]/);
    assert.match(out, /https:\/\/bob:\[REDACTED:password\]@proxy\.example/);
  });

  it('leaves the rest of a message as it was: code, settings, assignments', () => {
    const message = 'The edit does not apply: `const token = getToken();` and maxTokens=512 in src/a.ts line 3 (atomicSkills.model.baseUrl).';
    assert.equal(redactCredentials(message), message);
  });

  it('is idempotent', () => {
    rememberSecret(key);
    const once = redactCredentials(`Authorization: Bearer ${key}`);
    assert.equal(redactCredentials(once), once);
    assert.doesNotMatch(once, /plain-Key/);
  });
});

describe('every exit uses them', () => {
  it('AtomicError loses a key in its message and detail when it is made; errorMessage in any error, also one learnt later', () => {
    rememberSecret(key);
    const err = new AtomicError('authentication', `refused ${key}`, `body: {"k": "${key}"}`);
    assert.equal(err.message, 'refused [REDACTED:api-key]');
    assert.equal(err.detail, 'body: {"k": "[REDACTED:api-key]"}');
    const later = 'learnt-after-the-error-was-made';
    const plain = new Error(`failed with ${later}`);
    rememberSecret(later);
    assert.equal(errorMessage(plain), 'failed with [REDACTED:api-key]');
    assert.equal(errorMessage(`thrown string ${later}`), 'thrown string [REDACTED:api-key]');
  });

  it('the store: a record quoting a held key keeps none of it, in any field', () => {
    rememberSecret(key);
    const event = redactEvent(
      recordEvent({
        messages: [
          { role: 'user', content: `the server said: ${key}` },
          { role: 'assistant', content: `echo ${encodeURIComponent(key)}` },
        ],
      }),
    );
    const written = JSON.stringify(event);
    assert.ok(!written.includes(key) && !written.includes(encodeURIComponent(key)) && !written.includes(JSON.stringify(key).slice(1, -1)), written);
    assert.equal(redactSecrets(`x ${key}`), 'x [REDACTED:api-key]');
  });
});
