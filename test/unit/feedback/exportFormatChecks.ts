// Field-level checks of export rows against the formats' documentation:
// - TRL "Dataset formats and types": conversational preference {prompt, chosen, rejected} and unpaired preference
//   {prompt, completion, label: bool}; messages {role, content}; tool calling: assistant `tool_calls` of
//   {type: "function", function: {name, arguments: object}}, tool messages {role: "tool", name, content}; optional
//   `tools` column of {type: "function", function: {name, description, parameters}}.
// - OpenAI preference fine-tuning (DPO) JSONL: {input: {messages, tools?, parallel_tool_calls?}, preferred_output,
//   non_preferred_output}; outputs hold assistant messages; Chat Completions message shapes (tool_calls with
//   `arguments` as a JSON string, tool messages with tool_call_id).
import assert from 'node:assert/strict';
import type { ExportFormat } from '../../../src/core/feedback/exporters';

type Json = Record<string, unknown>;
type Dialect = 'trl' | 'openai';

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keysWithin(o: Json, required: string[], optional: string[], where: string): void {
  for (const k of required) assert.ok(k in o, `${where}: missing "${k}" in ${JSON.stringify(o).slice(0, 200)}`);
  for (const k of Object.keys(o)) assert.ok(required.includes(k) || optional.includes(k), `${where}: undocumented field "${k}"`);
}

function checkToolCall(call: unknown, dialect: Dialect, where: string): void {
  assert.ok(isObject(call), where);
  keysWithin(call, ['type', 'function'], ['id'], where);
  assert.equal(call.type, 'function', where);
  assert.ok(isObject(call.function), where);
  keysWithin(call.function, ['name', 'arguments'], [], `${where}.function`);
  assert.equal(typeof call.function.name, 'string', where);
  if (dialect === 'openai') {
    assert.equal(typeof call.function.arguments, 'string', `${where}: OpenAI arguments are a JSON string`);
    assert.ok(isObject(JSON.parse(call.function.arguments as string)), `${where}: arguments parse to an object`);
  } else {
    assert.ok(isObject(call.function.arguments), `${where}: TRL arguments are an object`);
  }
}

function checkMessage(m: unknown, dialect: Dialect, where: string): void {
  assert.ok(isObject(m), where);
  assert.equal(typeof m.content, 'string', `${where}: content is a string`);
  switch (m.role) {
    case 'system':
    case 'user':
      keysWithin(m, ['role', 'content'], [], where);
      break;
    case 'assistant':
      keysWithin(m, ['role', 'content'], ['tool_calls'], where);
      if (m.tool_calls !== undefined) {
        assert.ok(Array.isArray(m.tool_calls) && m.tool_calls.length > 0, where);
        m.tool_calls.forEach((c, i) => checkToolCall(c, dialect, `${where}.tool_calls[${i}]`));
      }
      break;
    case 'tool':
      if (dialect === 'openai') keysWithin(m, ['role', 'content', 'tool_call_id'], [], where);
      else keysWithin(m, ['role', 'content', 'name'], ['tool_call_id'], where);
      break;
    default:
      assert.fail(`${where}: role ${String(m.role)}`);
  }
}

function checkMessages(list: unknown, dialect: Dialect, where: string, options: { assistantOnly?: boolean } = {}): void {
  assert.ok(Array.isArray(list) && list.length > 0, `${where}: a non-empty list of messages`);
  list.forEach((m, i) => {
    checkMessage(m, dialect, `${where}[${i}]`);
    if (options.assistantOnly) assert.equal((m as Json).role, 'assistant', `${where}[${i}]`);
  });
}

function checkTools(tools: unknown, where: string): void {
  if (tools === undefined) return;
  assert.ok(Array.isArray(tools), where);
  for (const t of tools) {
    assert.ok(isObject(t) && t.type === 'function' && isObject(t.function), where);
    keysWithin(t.function as Json, ['name', 'parameters'], ['description'], where);
  }
}

/** Asserts that one parsed export row has exactly the documented fields of its format, with the right types. */
export function checkRow(format: ExportFormat, row: unknown): void {
  assert.ok(isObject(row), `${format}: a JSON object per line`);
  if (format === 'trl-dpo') {
    keysWithin(row, ['prompt', 'chosen', 'rejected'], ['tools'], format);
    checkMessages(row.prompt, 'trl', 'prompt');
    checkMessages(row.chosen, 'trl', 'chosen', { assistantOnly: true });
    checkMessages(row.rejected, 'trl', 'rejected', { assistantOnly: true });
    checkTools(row.tools, 'tools');
  } else if (format === 'trl-kto') {
    keysWithin(row, ['prompt', 'completion', 'label'], ['tools'], format);
    checkMessages(row.prompt, 'trl', 'prompt');
    checkMessages(row.completion, 'trl', 'completion', { assistantOnly: true });
    assert.equal(typeof row.label, 'boolean', 'label is a boolean');
    checkTools(row.tools, 'tools');
  } else {
    keysWithin(row, ['input', 'preferred_output', 'non_preferred_output'], [], format);
    assert.ok(isObject(row.input), 'input');
    keysWithin(row.input, ['messages'], ['tools', 'parallel_tool_calls'], 'input');
    checkMessages(row.input.messages, 'openai', 'input.messages');
    checkTools(row.input.tools, 'input.tools');
    checkMessages(row.preferred_output, 'openai', 'preferred_output', { assistantOnly: true });
    checkMessages(row.non_preferred_output, 'openai', 'non_preferred_output', { assistantOnly: true });
  }
}
