import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import type { ChatMessage, ToolCall } from '../../../src/core/model/types';
import { readOnlyToolSpecs, runReadOnlyTool } from '../../../src/core/skills/readOnlyTools';
import { addUsage, runToolLoop, type ToolLoopOptions } from '../../../src/core/skills/toolLoop';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';

after(async () => {
  await closeServers();
  removeTempDirs();
});

let ws: FsWorkspace;
before(() => {
  const root = makeTempDir('loop');
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'a.js'), 'const answer = 42;\n');
  fs.writeFileSync(path.join(root, 'src', 'b.js'), 'const other = 7;\n');
  ws = new FsWorkspace(root);
});

const start: ChatMessage[] = [
  { role: 'system', content: 'You review code.' },
  { role: 'user', content: 'What is the answer?' },
];

function options(server: ScriptedModelServer, extra: Partial<ToolLoopOptions> = {}): ToolLoopOptions {
  const signal = extra.signal ?? new AbortController().signal;
  return {
    model: new OpenAiCompatibleModel({ baseUrl: server.url, model: 'scripted-model', timeoutMs: 10_000, maxRetries: 0 }),
    messages: start,
    tools: readOnlyToolSpecs,
    runTool: (call: ToolCall) => runReadOnlyTool(ws, call, signal),
    maxToolTurns: 3,
    signal,
    ...extra,
  };
}

const toolNames = (body: { tools?: Array<{ function: { name: string } }> }) => (body.tools ?? []).map((t) => t.function.name);

describe('addUsage', () => {
  it('adds token counts, and keeps the total when a reply has no usage', () => {
    assert.deepEqual(addUsage({ promptTokens: 1, completionTokens: 2 }, { promptTokens: 10, completionTokens: 20 }), { promptTokens: 11, completionTokens: 22 });
    assert.deepEqual(addUsage({ promptTokens: 1, completionTokens: 2 }, undefined), { promptTokens: 1, completionTokens: 2 });
  });
});

describe('runToolLoop', () => {
  it('a tool call with unreadable arguments is not run; the model is told and calls again', async () => {
    const server = await startServer({
      replies: [
        { toolCalls: [{ name: 'read_file', arguments: '{"path": "src/a.js"' }] },
        { when: { toolResultIncludes: 'not valid JSON' }, toolCalls: [{ name: 'read_file', arguments: { path: 'src/a.js' } }] },
        { when: { toolResultIncludes: 'const answer = 42;' }, content: 'It is 42.' },
      ],
    });
    const ran: string[] = [];
    const result = await runToolLoop(options(server, { runTool: (call) => (ran.push(JSON.stringify(call.arguments)), runReadOnlyTool(ws, call, new AbortController().signal)) }));
    assert.equal(result.text, 'It is 42.');
    assert.deepEqual(ran, ['{"path":"src/a.js"}'], 'only the readable call ran');
    const told = result.messages.find((m) => m.role === 'tool');
    assert.match(told && 'content' in told ? String(told.content) : '', /^Not run\. The model called the tool "read_file" with arguments that are not valid JSON.*Call read_file again with a JSON object/);
  });

  it('returns the first answer when the model calls no tool', async () => {
    const server = await startServer({ replies: [{ content: 'It is 42.', usage: { prompt_tokens: 30, completion_tokens: 4 } }] });
    const result = await runToolLoop(options(server));
    assert.equal(result.text, 'It is 42.');
    assert.equal(result.toolCalls, 0);
    assert.deepEqual(result.usage, { promptTokens: 30, completionTokens: 4 });
    assert.deepEqual(result.messages, [...start, { role: 'assistant', content: 'It is 42.' }]);
    const [request] = server.chatRequests();
    assert.deepEqual(toolNames(request.body), ['read_file', 'search_text', 'list_directory']);
  });

  it('runs the tool calls of a turn, sends their results back, and sums usage over turns', async () => {
    const server = await startServer({
      replies: [
        {
          toolCalls: [
            { name: 'read_file', arguments: { path: 'src/a.js' } },
            { name: 'search_text', arguments: { text: 'other' } },
          ],
          usage: { prompt_tokens: 100, completion_tokens: 10 },
        },
        { when: { toolResultIncludes: 'const answer = 42;' }, content: 'It is 42, see src/a.js:1.', usage: { prompt_tokens: 200, completion_tokens: 8 } },
      ],
    });
    const result = await runToolLoop(options(server));
    assert.equal(result.text, 'It is 42, see src/a.js:1.');
    assert.equal(result.toolCalls, 2);
    assert.deepEqual(result.usage, { promptTokens: 300, completionTokens: 18 });
    const roles = result.messages.map((m) => m.role);
    assert.deepEqual(roles, ['system', 'user', 'assistant', 'tool', 'tool', 'assistant']);
    const assistant = result.messages[2] as Extract<ChatMessage, { role: 'assistant' }>;
    const tools = result.messages.slice(3, 5) as Array<Extract<ChatMessage, { role: 'tool' }>>;
    assert.deepEqual(tools.map((t) => t.toolCallId), assistant.toolCalls!.map((c) => c.id));
    assert.deepEqual(tools.map((t) => t.content), ['src/a.js lines 1-1:\n1: const answer = 42;', 'src/b.js:1: const other = 7;']);
    // On the wire: the second request carries the assistant's calls and both results.
    const second = server.chatRequests()[1].body;
    const wireTools = second.messages.filter((m: { role: string }) => m.role === 'tool');
    assert.deepEqual(wireTools.map((m: { content: string }) => m.content), tools.map((t) => t.content));
    assert.deepEqual(wireTools.map((m: { tool_call_id: string }) => m.tool_call_id), assistant.toolCalls!.map((c) => c.id));
  });

  it('returns a tool error to the model as text and carries on', async () => {
    const server = await startServer({
      replies: [
        { toolCalls: [{ name: 'read_file', arguments: { path: '../../etc/passwd' } }] },
        { when: { toolResultIncludes: 'leaves the workspace' }, content: 'I may not read that.' },
      ],
    });
    const result = await runToolLoop(options(server));
    assert.equal(result.text, 'I may not read that.');
    assert.equal(result.toolCalls, 1);
  });

  it('asks for the answer without tools once the tool turns are used up', async () => {
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, toolCalls: [{ name: 'list_directory', arguments: {} }], times: Infinity },
        { when: { hasTools: false, lastUserIncludes: 'You have used all tool calls' }, content: 'Final answer.' },
      ],
    });
    const result = await runToolLoop(options(server, { maxToolTurns: 2 }));
    assert.equal(result.text, 'Final answer.');
    assert.equal(result.toolCalls, 2);
    const requests = server.chatRequests();
    assert.equal(requests.length, 3);
    assert.deepEqual(requests.map((r) => toolNames(r.body).length > 0), [true, true, false]);
    const last = result.messages.filter((m) => m.role === 'user').pop();
    assert.equal(last?.content, 'You have used all tool calls. Answer now in the required format.');
  });

  it('offers no tools at all when maxToolTurns is 0, or when the tool list is empty', async () => {
    for (const extra of [{ maxToolTurns: 0 }, { tools: [] }]) {
      const server = await startServer({ replies: [{ when: { hasTools: false }, content: 'No tools needed.' }] });
      const result = await runToolLoop(options(server, extra));
      assert.equal(result.text, 'No tools needed.');
      assert.equal(server.chatRequests().length, 1);
      assert.equal(server.chatRequests()[0].body.tools, undefined);
    }
  });

  it('rejects with "cancelled" and sends nothing when the signal is already aborted', async () => {
    const server = await startServer({ replies: [{ content: 'never' }] });
    const controller = new AbortController();
    controller.abort();
    await rejectsWithReason(runToolLoop(options(server, { signal: controller.signal })), 'cancelled');
    assert.equal(server.chatRequests().length, 0);
  });

  it('does not mutate the messages it was given', async () => {
    const server = await startServer({ replies: [{ toolCalls: [{ name: 'list_directory', arguments: {} }] }, { content: 'done' }] });
    const given = [...start];
    await runToolLoop(options(server, { messages: given }));
    assert.deepEqual(given, start);
  });
});
