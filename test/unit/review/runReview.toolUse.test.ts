// runReview end to end: real git repository, real files, the real OpenAI-compatible model against the
// scripted server. The model reads a file with a tool before it answers.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ChatMessage } from '../../../src/core/model/types';
import { runReview } from '../../../src/core/skills/review/reviewSkill';
import { removeTempDirs } from '../helpers/paths';
import { reviewContext, reviewReply } from '../helpers/reviewContext';
import { closeServers, messageTexts, startServer } from '../helpers/servers';
import { changedReviewRepo } from '../helpers/tempRepo';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const bug = { file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'multiply adds one to the product.' };

describe('runReview with tools', () => {
  it('runs a native read_file call, sends the file text to the model, then parses its answer', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { when: { toolResultIncludes: '12:   return a * b + 1;' }, content: reviewReply('NO', [bug], 'multiply is wrong now.') },
      ],
    });
    const ctx = await reviewContext(repo.dir, server);
    const { result, transcript } = await runReview({ intent: 'Keep multiply as it is.' }, ctx);

    assert.equal(result.judgment, 'NO');
    assert.equal(result.review, 'multiply is wrong now.');
    assert.deepEqual(result.findings, [bug]);
    assert.deepEqual(result.unanchoredFindings, []);
    assert.equal(result.toolCalls, 1);
    assert.equal(result.repaired, false);
    assert.deepEqual(result.files, ['src/math.js']);
    assert.deepEqual(result.scope, { kind: 'uncommitted' });
    assert.deepEqual(result.model, { backend: 'openai', model: 'scripted-model', endpoint: server.url });
    assert.ok(result.usage.promptTokens > 0 && result.usage.completionTokens > 0);

    // What reached the model: the first request offers the three read-only tools; the second carries the
    // whole file, numbered, as the result of that call.
    const [first, second] = server.chatRequests();
    assert.deepEqual(first.body.tools.map((t: { function: { name: string } }) => t.function.name), ['read_file', 'search_text', 'list_directory']);
    const toolMessage = second.body.messages.find((m: { role: string }) => m.role === 'tool');
    const fileText = repo.read('src/math.js').trimEnd().split('\n').map((line, i) => `${i + 1}: ${line}`).join('\n');
    assert.equal(toolMessage.content, `src/math.js lines 1-15:\n${fileText}`);
    const call = second.body.messages.find((m: { role: string; tool_calls?: unknown[] }) => m.role === 'assistant' && m.tool_calls);
    assert.equal(call.tool_calls[0].id, toolMessage.tool_call_id);
    assert.deepEqual(JSON.parse(call.tool_calls[0].function.arguments), { path: 'src/math.js' });
    // The transcript records the exchange for the preference record.
    assert.deepEqual(transcript.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'assistant']);
    assert.equal((transcript[3] as Extract<ChatMessage, { role: 'tool' }>).content, toolMessage.content);
    assert.ok(ctx.progressLines.includes('read_file src/math.js'), ctx.progressLines.join(' | '));
  });

  it('falls back to the text tool protocol when the server rejects tools, and still reads the file', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({
      replies: [
        {
          rejectTools: true,
          content: 'Let me look first.\n<tool_call>{"name": "read_file", "arguments": {"path": "src/math.js", "startLine": 11, "endLine": 13}}</tool_call>',
        },
        { when: { lastUserIncludes: '<tool_result name="read_file"' }, content: reviewReply('NO', [bug]) },
      ],
    });
    const { result } = await runReview({}, await reviewContext(repo.dir, server));
    assert.equal(result.judgment, 'NO');
    assert.deepEqual(result.findings, [bug]);
    assert.equal(result.toolCalls, 1);

    const requests = server.chatRequests();
    assert.equal(requests.length, 3, 'refused with tools, retried as text, then the answer');
    assert.ok(Array.isArray(requests[0].body.tools), 'the first request offered native tools');
    assert.equal(requests[1].body.tools, undefined);
    assert.equal(requests[2].body.tools, undefined);
    assert.match(requests[1].body.messages[0].content, /You can call tools[\s\S]*- read_file:/);
    const lastUser = messageTexts(requests[2].body).filter((t) => t.startsWith('user: ')).pop()!;
    assert.ok(lastUser.includes('11: function multiply(a, b) {\n12:   return a * b + 1;\n13: }'), lastUser);
    assert.ok(!requests[2].body.messages.some((m: { role: string }) => m.role === 'tool'), 'tool results travel as user text');
  });

  it('sends no tools when maxToolTurns is 0', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ when: { hasTools: false }, content: reviewReply('YES') }] });
    const ctx = await reviewContext(repo.dir, server, { settings: { 'atomicSkills.review.maxToolTurns': 0 } });
    const { result } = await runReview({}, ctx);
    assert.equal(result.judgment, 'YES');
    assert.equal(server.chatRequests().length, 1);
    assert.equal(server.chatRequests()[0].body.tools, undefined);
    assert.doesNotMatch(server.chatRequests()[0].body.messages[0].content, /with your tools/);
  });

  it('answers a tool call that tries to leave the repository with an error, not a crash', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, toolCalls: [{ name: 'read_file', arguments: { path: '../../../../etc/passwd' } }] },
        { when: { toolResultIncludes: 'leaves the workspace' }, content: reviewReply('YES') },
      ],
    });
    const { result } = await runReview({}, await reviewContext(repo.dir, server));
    assert.equal(result.judgment, 'YES');
    const toolMessage = server.chatRequests()[1].body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.match(toolMessage.content, /^Error: Path \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd leaves the workspace\.$/);
  });
});
