import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import { routeRequest } from '../../../src/core/skills/routeRequest';
import { closeServers, messageTexts, startServer } from '../helpers/servers';

after(closeServers);

const options = [
  { name: 'fix', description: 'Fix a bug end to end' },
  { name: 'review', description: 'Review your changes' },
];

async function route(reply: string, request = 'the total is off by one when the list is empty') {
  const server = await startServer({ fallback: { content: reply, times: Infinity } });
  const model = new OpenAiCompatibleModel({ baseUrl: server.url, model: 'scripted-model', timeoutMs: 10_000, maxRetries: 0 });
  const picked = await routeRequest(model, request, options, new AbortController().signal);
  return { picked, sent: messageTexts(server.chatRequests()[0].body).join('\n') };
}

describe('routeRequest', () => {
  it('returns the option the model names, offering every option and chat', async () => {
    const { picked, sent } = await route('<route>fix</route>');
    assert.equal(picked.name, 'fix');
    assert.match(sent, /- fix: Fix a bug end to end/);
    assert.match(sent, /- review: Review your changes/);
    assert.match(sent, /- chat:/);
    assert.match(sent, /off by one/);
  });

  it('an unknown name or an unreadable reply means chat', async () => {
    assert.equal((await route('<route>deploy</route>')).picked.name, 'chat');
    assert.equal((await route('I would fix it.')).picked.name, 'chat');
    assert.equal((await route('<route> Review </route>')).picked.name, 'review');
  });
});
