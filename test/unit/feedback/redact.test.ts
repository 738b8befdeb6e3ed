import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyLevel, redactEvent, redactSecrets } from '../../../src/core/feedback/redact';
import { isSecretName } from '../../../src/core/feedback/redactText';
import type { LabelEvent, RecordEvent } from '../../../src/core/feedback/feedbackTypes';
import { labelEvent, randomToken, recordEvent } from './feedbackFixtures';
import { plantedCases } from './plantedSecrets';

describe('redactSecrets', () => {
  it('removes every planted secret value and names its kind', () => {
    for (const { text, value, kind } of plantedCases()) {
      const out = redactSecrets(text);
      assert.ok(!out.includes(value), `leaked ${value} from: ${text}\n-> ${out}`);
      assert.match(out, new RegExp(`\\[REDACTED:(?:${kind})\\]`), `kind of: ${text}\n-> ${out}`);
      assert.equal(redactSecrets(out), out, `idempotent on: ${out}`);
    }
  });

  it('keeps names and structure readable around a redacted value', () => {
    assert.equal(redactSecrets('export GITHUB_TOKEN=abc123def456ghi'), 'export GITHUB_TOKEN=[REDACTED:secret]');
    assert.equal(redactSecrets('postgres://app:s3cret@db:5432/app'), 'postgres://app:[REDACTED:password]@db:5432/app');
    assert.equal(redactSecrets('Authorization: Basic dXNlcjpwYXNz'), 'Authorization: Basic [REDACTED:authorization]');
    assert.equal(redactSecrets('{"password": "x1", "user": "ann"}'), '{"password": "[REDACTED:secret]", "user": "ann"}');
  });

  it('leaves ordinary code alone (no false positive destroys it)', () => {
    const code = [
      'const token = getToken();',
      'const apiKey = process.env.OPENAI_API_KEY;',
      "if (!apiKey) throw new Error('Set OPENAI_API_KEY or ATOMIC_SKILLS_API_KEY');",
      'interface Options { token: CancellationToken; password?: string; maxTokens: number }',
      '  token: CancellationToken',
      'headers.Authorization = `Bearer ${apiKey}`;',
      'for (let token = 0; token < tokens.length; token++) {}',
      'usage: { promptTokens: 12, completionTokens: 34, max_tokens: 1024 }',
      'def login(password: str) -> bool:',
      '    token = session.get_token()',
      '    secret = os.environ["APP_SECRET"]',
      'password_field = form.password',
      'self.token = token',
      'if (token === "eof") return;',
      'const password = "";',
      'const { authorization: _authorization, ...rest } = headers;',
      'git clone git@github.com:org/repo.git && cd repo',
      'See https://example.com/docs/auth#tokens and the `Authorization:` header.',
      'require("dotenv").config(); const url = process.env.DATABASE_URL;',
      'NODE_ENV=production node dist/cli.js --max-tool-turns 6',
      'The tokenizer splits text into tokens; keyboard keys are not API keys.',
    ].join('\n');
    assert.equal(redactSecrets(code), code);
  });

  it('leaves ordinary code alone in the forms the skills record it, and values that are random but not secret', () => {
    const recorded = [
      'src/math.js lines 1-4:',
      '1: let i = 0;',
      '2: const total = sum(items);',
      '3: const apiKey = process.env.OPENAI_API_KEY;',
      '4: const password = getPassword();',
      'src/a.ts:7: const region = config.region;',
      'File: src/a.js',
      '--- a/src/a.js',
      '+++ b/src/a.js',
      '@@ -1,3 +1,3 @@',
      '    1  const count = items.length;',
      '      -i = 0',
      '    2 +i = 1',
      '    3 +export const handler = createRequestHandlerForUser1234;',
      '    4 +exports.exchangeX509Token = exchangeX509Token;',
      '    5 +type Schema = JsonSchema7AllOfType | JsonSchema7Type;',
      '    6 +gl.drawBuffers([gl.COLOR_ATTACHMENT0, COLOR = COLOR_ATTACHMENT10_WEBGL]);',
      // Digests, ids and hashes are random but are not secrets: hex, UUIDs, integrity hashes.
      '    7 +commit = "3f9c2a7b8e1d4c6a9b0f2e3d4c5b6a7980716253"',
      '    8 +  "integrity": "sha512-Bm5uVQ0PjWn1gCXS0bN3Q8M0Fv2cBf3TcWm9Dp7rYx+6VUGZk3pHcT1eB4s2Lq8y9Rj0iN5oA7wE6dK3hX1cA=="',
      '    9 +id: 550e8400-e29b-41d4-a716-446655440000',
      '   10 +sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '   11 +timeout: 30000',
      '   12 +url: https://example.com/docs/Web/API/HTMLInputElement',
      '   13 +path = src/components/ButtonGroup/index',
      'The .env file is read with dotenv; process.env holds it:',
      'process.exitCode = code;',
      'const server = app.listen(port);',
    ].join('\n');
    assert.equal(redactSecrets(recorded), recorded);
  });

  it('treats every assignment of a .env file as secret when told the text is one', () => {
    const env = '# local settings\nDEBUG=true\nexport REGION="eu-west-1"\nEMPTY=\nNAME=app # comment';
    assert.equal(
      redactSecrets(env, { envFile: true }),
      '# local settings\nDEBUG=[REDACTED:env]\nexport REGION="[REDACTED:env]"\nEMPTY=\nNAME=[REDACTED:env]',
    );
  });

  it('knows secret-looking names from ordinary ones', () => {
    for (const name of ['GITHUB_TOKEN', 'apiKey', 'api-key', 'X-Api-Key', 'db_password', 'DB_PASS', 'clientSecret', 'AWS_SECRET_ACCESS_KEY', '_auth', '_authToken', 'credentials', 'PGPASSWD']) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['maxTokens', 'tokenizer', 'cacheKey', 'bypass', 'compass', 'tokens', 'keyboard', 'passwordHint', 'secretary']) {
      assert.ok(!isSecretName(name), name);
    }
  });
});

describe('redactEvent', () => {
  it('redacts every string of a record: messages, tool calls, completion, paths, metric keys, endpoint', () => {
    const key = `sk-proj-${randomToken(40)}`;
    const aws = `AKIA${randomToken(16).toUpperCase()}`;
    const envValue = randomToken(20);
    const record = recordEvent({
      model: { backend: 'openai', model: 'm', endpoint: `https://user:${envValue}x@proxy.local/v1` },
      messages: [
        { role: 'user', content: `use ${key}` },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'readFile', arguments: { path: '.env' } }, { id: 'c2', name: 'http', arguments: { apiKey: 'plain-value-1', url: 'u' } }] },
        { role: 'tool', toolCallId: 'c1', name: 'readFile', content: `LOG_LEVEL=${envValue}\n` },
      ],
      completion: { text: 'done', toolCalls: [{ id: 'c3', name: 'writeFile', arguments: { path: 'config/.env.production', content: `PORT=${envValue}` } }] },
      files: [{ path: `keys/${aws}.txt`, sha256: 'a'.repeat(64) }],
      metrics: { [`cost_${key}`]: 1, tokens: 5 },
    });
    const out = redactEvent(record);
    const text = JSON.stringify(out);
    for (const secret of [key, aws, envValue, 'plain-value-1']) assert.ok(!text.includes(secret), `leaked ${secret}: ${text}`);
    assert.equal(out.metrics!.tokens, 5);
    assert.equal(out.messages![2].content, 'LOG_LEVEL=[REDACTED:env]\n');
    assert.deepEqual(out.messages![1].role === 'assistant' && out.messages![1].toolCalls![0].arguments, { path: '.env' });
    assert.equal(record.messages![0].content, `use ${key}`, 'the input is not changed');
  });

  it('redacts label targets and check details', () => {
    const token = `glpat-${randomToken(20)}`;
    const label = labelEvent('r', { kind: 'check', name: 'tests', passed: false, detail: { output: `auth failed for ${token}`, exitCode: 1 } });
    const out = redactEvent(label);
    assert.ok(!JSON.stringify(out).includes(token));
    assert.deepEqual(out.label, { kind: 'check', name: 'tests', passed: false, detail: { output: 'auth failed for [REDACTED:gitlab-token]', exitCode: 1 } });
  });
});

describe('applyLevel', () => {
  const full = recordEvent({
    step: { workflow: 'fix', runId: 'run1', index: 2 },
    tools: [{ name: 'readFile', description: 'Read a file.', parameters: {} }],
    files: [{ path: 'src/a.ts', sha256: 'b'.repeat(64) }],
    metrics: { promptTokens: 10 },
    previousAttemptId: 'prev',
  });

  it('off writes nothing; all keeps everything', () => {
    assert.equal(applyLevel(full, 'off'), undefined);
    assert.deepEqual(applyLevel(full, 'all'), full);
  });

  it('noCode keeps skill, surface, model, metrics, hashes and links, and drops messages, completion, tools and paths', () => {
    const out = applyLevel(full, 'noCode') as RecordEvent;
    const { messages: _m, completion: _c, tools: _t, files: _f, ...kept } = full;
    assert.deepEqual(out, { ...kept, level: 'noCode', files: [{ sha256: 'b'.repeat(64) }] });
  });

  it('noCode drops label targets and string details but keeps kinds, verdicts and numbers', () => {
    const accepted = applyLevel(labelEvent('r', { kind: 'accepted', target: 'src/secret-plan.ts:12' }), 'noCode') as LabelEvent;
    assert.deepEqual(accepted.label, { kind: 'accepted' });
    const check = applyLevel(labelEvent('r', { kind: 'check', name: 'tests', passed: true, value: 3, detail: { log: 'text', failed: 0, flaky: false } }), 'noCode') as LabelEvent;
    assert.deepEqual(check.label, { kind: 'check', name: 'tests', passed: true, value: 3, detail: { failed: 0, flaky: false } });
    const vote = labelEvent('r', { kind: 'vote', value: 'unhelpful' });
    assert.deepEqual(applyLevel(vote, 'noCode'), vote);
  });
});

