import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextToolCallFilter, parseTextToolCalls, renderToolInstructions, toTextToolMessages } from '../../../src/core/model/textToolProtocol';
import type { ChatMessage, ToolSpec } from '../../../src/core/model/types';

const readFile: ToolSpec = {
  name: 'readFile',
  description: 'Read a file of the workspace when you need its content.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

describe('parseTextToolCalls', () => {
  it('takes calls out of surrounding prose', () => {
    const parsed = parseTextToolCalls('Let me look.\n<tool_call>{"name": "readFile", "arguments": {"path": "a.ts"}}</tool_call>\nThen I decide.');
    assert.deepEqual(parsed.malformed, []);
    assert.equal(parsed.calls.length, 1);
    assert.equal(parsed.calls[0].name, 'readFile');
    assert.deepEqual(parsed.calls[0].arguments, { path: 'a.ts' });
    assert.match(parsed.calls[0].id, /^call_/);
    assert.equal(parsed.text, 'Let me look.\n\nThen I decide.');
  });

  it('reads several calls, each with its own id', () => {
    const parsed = parseTextToolCalls(
      '<tool_call>{"name":"readFile","arguments":{"path":"a"}}</tool_call><tool_call>{"name":"readFile","arguments":{"path":"b"}}</tool_call>',
    );
    assert.deepEqual(parsed.calls.map((c) => c.arguments.path), ['a', 'b']);
    assert.notEqual(parsed.calls[0].id, parsed.calls[1].id);
    assert.equal(parsed.text, '');
  });

  it('reads an unclosed final block when its JSON is complete', () => {
    const parsed = parseTextToolCalls('Sure. <tool_call>{"name": "readFile", "arguments": {"path": "x"}}');
    assert.deepEqual(parsed.malformed, []);
    assert.deepEqual(parsed.calls.map((c) => c.name), ['readFile']);
    assert.equal(parsed.text, 'Sure.');
  });

  it('reports an unclosed block whose JSON is cut', () => {
    const parsed = parseTextToolCalls('Sure. <tool_call>{"name": "readFile", "argu');
    assert.equal(parsed.calls.length, 0);
    assert.equal(parsed.malformed.length, 1);
    assert.match(parsed.malformed[0], /unclosed/);
    assert.equal(parsed.text, 'Sure.');
  });

  it('reports bad JSON, a missing name and non-object arguments, and keeps the good calls', () => {
    const parsed = parseTextToolCalls(
      [
        '<tool_call>{name: readFile}</tool_call>',
        '<tool_call>{"arguments": {}}</tool_call>',
        '<tool_call>{"name": "readFile", "arguments": [1, 2]}</tool_call>',
        '<tool_call>{"name": "readFile", "arguments": {"path": "ok"}}</tool_call>',
      ].join('\n'),
    );
    assert.equal(parsed.malformed.length, 3);
    assert.match(parsed.malformed[0], /not JSON/);
    assert.match(parsed.malformed[1], /name/);
    assert.match(parsed.malformed[2], /not an object/);
    assert.deepEqual(parsed.calls.map((c) => c.arguments), [{ path: 'ok' }]);
  });

  it('accepts code fences, string-encoded arguments and "parameters"', () => {
    const parsed = parseTextToolCalls(
      '<tool_call>\n```json\n{"name": "a", "arguments": "{\\"n\\": 1}"}\n```\n</tool_call><tool_call>{"name": "b", "parameters": {"n": 2}}</tool_call>',
    );
    assert.deepEqual(parsed.malformed, []);
    assert.deepEqual(parsed.calls.map((c) => [c.name, c.arguments]), [['a', { n: 1 }], ['b', { n: 2 }]]);
  });

  it('leaves text without blocks alone', () => {
    const parsed = parseTextToolCalls('No tools needed: `<tool>` is not a call.');
    assert.deepEqual(parsed, { text: 'No tools needed: `<tool>` is not a call.', calls: [], malformed: [] });
  });
});

describe('TextToolCallFilter', () => {
  it('hides blocks split across deltas and holds back a partial tag', () => {
    const filter = new TextToolCallFilter();
    const shown = ['Hello <to', 'ol_ca', 'll>{"name":', '"x"}</tool', '_call> bye <', 'b>'].map((d) => filter.push(d));
    assert.deepEqual(shown, ['Hello ', '', '', '', ' bye ', '<b>']);
    assert.equal(filter.flush(), '');
  });

  it('flushes held-back text at the end, but nothing of an unclosed block', () => {
    const open = new TextToolCallFilter();
    assert.equal(open.push('x <tool_c'), 'x ');
    assert.equal(open.flush(), '<tool_c');
    const unclosed = new TextToolCallFilter();
    assert.equal(unclosed.push('y <tool_call>{"name"'), 'y ');
    assert.equal(unclosed.flush(), '');
  });
});

describe('toTextToolMessages', () => {
  it('joins the tool instructions to the system message and renders calls and results as plain text', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You review code.' },
      { role: 'user', content: 'Review a.ts' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'readFile', arguments: { path: 'a.ts' } }, { id: 'c2', name: 'readFile', arguments: { path: 'b.ts' } }] },
      { role: 'tool', toolCallId: 'c1', name: 'readFile', content: 'const a = 1;' },
      { role: 'tool', toolCallId: 'c2', name: 'readFile', content: 'const b = 2;' },
    ];
    const out = toTextToolMessages(messages, [readFile], 'required');
    assert.deepEqual(out.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.ok(out[0].content.startsWith('You review code.\n\n'));
    assert.match(out[0].content, /- readFile: Read a file/);
    assert.match(out[0].content, /"required":\["path"\]/);
    assert.match(out[0].content, /must call at least one tool/);
    assert.equal(
      out[2].content,
      '<tool_call>{"name":"readFile","arguments":{"path":"a.ts"}}</tool_call>\n<tool_call>{"name":"readFile","arguments":{"path":"b.ts"}}</tool_call>',
    );
    assert.match(out[3].content, /^<tool_result name="readFile" id="c1">\nconst a = 1;\n<\/tool_result>\n<tool_result name="readFile" id="c2">/);
    assert.ok(out.every((m) => m.role !== 'tool'));
  });

  it('adds a system message when there is none', () => {
    const out = toTextToolMessages([{ role: 'user', content: 'hi' }], [readFile]);
    assert.equal(out[0].role, 'system');
    assert.equal(out[0].content, renderToolInstructions([readFile]));
    assert.match(out[0].content, /only when it helps/);
    assert.deepEqual(out[1], { role: 'user', content: 'hi' });
  });
});
