// Secrets known by their shape (redactRandom.ts): how many random keys it catches under names that say nothing,
// and that the identifiers, paths and digests of real code are not taken for keys.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../../src/core/feedback/redactText';
import { looksRandom } from '../../../src/core/feedback/redactRandom';
import { sourceFiles } from '../helpers/sourceFiles';

const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const base64 = base62 + '+/';

function randomKey(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The share of `count` fresh keys whose value is gone from `form(key)` once redacted. */
function caughtShare(alphabet: string, length: number, form: (key: string) => string, count = 300): number {
  let caught = 0;
  for (let i = 0; i < count; i++) {
    const key = randomKey(alphabet, length);
    if (!redactSecrets(form(key)).includes(key)) caught++;
  }
  return caught / count;
}

describe('random values assigned to any name', () => {
  it('catches AWS secret keys (40 base64 characters) under an unusual name in every recorded form', () => {
    const forms = [
      (k: string) => `aws_sk = "${k}"`,
      (k: string) => `aws_sk = ${k}`,
      (k: string) => `12: sk: '${k}'`,
      (k: string) => `    4 +  "cfg_b": "${k}",`,
      (k: string) => `      -export AWS_SK=${k}`,
      (k: string) => `creds for aws: AKIAIOSFODNN7EXAMPLE ${k}`,
    ];
    // Measured: about 0.1% of such keys read as words (too few digits and word-like pieces); never near 3%.
    for (const form of forms) assert.ok(caughtShare(base64, 40, form) >= 0.97, form('KEY'));
  });

  it('catches most shorter base62 keys too, and names the kind', () => {
    assert.ok(caughtShare(base62, 24, (k) => `client_ref = "${k}"`) >= 0.85);
    assert.ok(caughtShare(base62, 32, (k) => `x: ${k}`) >= 0.9);
    assert.match(redactSecrets('aws_sk = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"'), /^aws_sk = "\[REDACTED:aws-secret\]"$/);
    assert.match(redactSecrets('x_value: a8Hq2xZ0pL4mN7wRt5Vb3Kc9'), /^x_value: \[REDACTED:high-entropy\]$/);
  });

  it('keeps values that are random but not secrets, and words that are long', () => {
    for (const value of [
      '3f9c2a7b8e1d4c6a9b0f2e3d4c5b6a7980716253',
      '550e8400-e29b-41d4-a716-446655440000',
      'sha512-Bm5uVQ0PjWn1gCXS0bN3Q8M0Fv2cBf3TcWm9Dp7rYx+6VUGZk3pHcT1eB4s2Lq8y9Rj0iN5oA7wE6dK3hX1cA==',
      'createRequestHandlerForUser1234',
      'JsonSchema7AllOfType',
      'COLOR_ATTACHMENT10_WEBGL',
      'org/docs/Web/API/HTMLTableCellElement/ch',
      'abcdefghijklmnopqrstuvwxyz',
      '12345678901234567890',
    ]) {
      assert.equal(looksRandom(value), false, value);
    }
  });

  it('changes nothing in the project\'s own sources outside the redaction code and its tests', () => {
    const changed: string[] = [];
    for (const file of sourceFiles('src')) {
      if (file.rel.startsWith('src/core/feedback/redact')) continue;
      const out = redactSecrets(file.text).split('\n');
      file.text.split('\n').forEach((line, i) => {
        if (out[i] !== line && !/\[REDACTED:secret\]/.test(out[i])) changed.push(`${file.rel}:${i + 1}: ${line.trim()}`);
      });
    }
    // Name-based rules may still take a quoted config key for a secret (`secretKey = 'atomicSkills.apiKey'`);
    // the shape rules and the .env rules must not touch a single line of real code.
    assert.deepEqual(changed, []);
  });
});
