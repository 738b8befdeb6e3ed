import assert from 'node:assert/strict';
import { it } from 'node:test';
import { httpStatusText } from '../../../src/core/model/httpStatusText';

it('says the status once when the server said nothing more', () => {
  assert.equal(httpStatusText(429, 'HTTP 429'), 'HTTP 429');
  assert.equal(httpStatusText(503, '503 status code (no body)'), 'HTTP 503');
  assert.equal(httpStatusText(500, ''), 'HTTP 500');
  assert.equal(httpStatusText(429, 'Rate limit reached for requests'), 'HTTP 429: Rate limit reached for requests');
  assert.equal(httpStatusText(404, 'HTTP 4040 gone'), 'HTTP 404: HTTP 4040 gone');
});
