import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseErrorBody } from '../../../src/core/model/openAiClient';

describe('normaliseErrorBody', () => {
  it('keeps OpenAI-shaped bodies and rewrites the other servers\' shapes to {error: {message}}', () => {
    const openAi = { error: { message: 'bad', type: 'invalid_request_error' } };
    assert.equal(normaliseErrorBody(openAi), openAi);
    assert.deepEqual(normaliseErrorBody({ error: 'model "x" not found' }), { error: { message: 'model "x" not found' } });
    assert.deepEqual(normaliseErrorBody({ object: 'error', message: '"auto" tool choice requires --enable-auto-tool-choice', type: 'BadRequestError', code: 400 }), {
      error: { message: '"auto" tool choice requires --enable-auto-tool-choice', type: 'BadRequestError', code: 400 },
    });
    assert.deepEqual(normaliseErrorBody({ detail: [{ loc: ['body', 'tools'], msg: 'extra field' }] }), {
      error: { message: '[{"loc":["body","tools"],"msg":"extra field"}]' },
    });
    assert.equal(normaliseErrorBody(undefined), undefined);
  });
});
