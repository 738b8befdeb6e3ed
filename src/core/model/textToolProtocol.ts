/**
 * The plain-text tool protocol for servers that reject `tools`: tools are described in the system prompt,
 * the model writes `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` blocks, and earlier tool calls
 * and results are rendered back as plain assistant/user text.
 */
import type { ChatMessage, ToolCall, ToolSpec } from './types';

export const TOOL_CALL_OPEN = '<tool_call>';
export const TOOL_CALL_CLOSE = '</tool_call>';

export interface TextToolCallParse {
  /** The text with every tool-call block removed. */
  text: string;
  calls: ToolCall[];
  /** One entry per block that could not be read as a call, saying why. */
  malformed: string[];
}

let generated = 0;
export function generateToolCallId(): string {
  generated += 1;
  return `call_${Date.now().toString(36)}_${generated.toString(36)}`;
}

export function renderToolInstructions(tools: ToolSpec[], toolMode: 'auto' | 'required' = 'auto'): string {
  const list = tools
    .map((t) => `- ${t.name}: ${t.description}\n  arguments (JSON schema): ${JSON.stringify(t.parameters)}`)
    .join('\n');
  return [
    'You can call tools. To call one, write a block exactly like this (JSON inside, nothing else):',
    `${TOOL_CALL_OPEN}{"name": "TOOL_NAME", "arguments": {"ARGUMENT": "VALUE"}}${TOOL_CALL_CLOSE}`,
    'Write one block per call; you may write several. After your calls, stop: the results come back in the next',
    'message inside <tool_result> blocks. Never write <tool_result> blocks yourself.',
    toolMode === 'required' ? 'You must call at least one tool in this reply.' : 'Call a tool only when it helps.',
    '',
    'Available tools:',
    list,
  ].join('\n');
}

function renderCall(call: ToolCall): string {
  return `${TOOL_CALL_OPEN}${JSON.stringify({ name: call.name, arguments: call.arguments })}${TOOL_CALL_CLOSE}`;
}

function renderResult(message: Extract<ChatMessage, { role: 'tool' }>): string {
  return `<tool_result name="${message.name}" id="${message.toolCallId}">\n${message.content}\n</tool_result>`;
}

/**
 * Messages for a server without tool support: tool instructions joined to the leading system message
 * (several system messages break some chat templates), assistant calls as blocks, consecutive tool results
 * as one user message.
 */
export function toTextToolMessages(messages: ChatMessage[], tools: ToolSpec[], toolMode?: 'auto' | 'required'): ChatMessage[] {
  const instructions = renderToolInstructions(tools, toolMode);
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const previous = out[out.length - 1];
    if (message.role === 'tool') {
      const result = renderResult(message);
      if (previous?.role === 'user' && previous.content.startsWith('<tool_result')) {
        out[out.length - 1] = { role: 'user', content: `${previous.content}\n${result}` };
      } else {
        out.push({ role: 'user', content: result });
      }
    } else if (message.role === 'assistant' && message.toolCalls?.length) {
      const blocks = message.toolCalls.map(renderCall).join('\n');
      out.push({ role: 'assistant', content: message.content ? `${message.content}\n${blocks}` : blocks });
    } else {
      out.push(message);
    }
  }
  if (out[0]?.role === 'system') out[0] = { role: 'system', content: `${out[0].content}\n\n${instructions}` };
  else out.unshift({ role: 'system', content: instructions });
  return out;
}

function stripFence(body: string): string {
  const fenced = /^```[\w-]*\s*\n?([\s\S]*?)\n?```$/.exec(body.trim());
  return (fenced ? fenced[1] : body).trim();
}

function readCall(body: string): ToolCall | string {
  let value: unknown;
  try {
    value = JSON.parse(stripFence(body));
  } catch {
    return `not JSON: ${body.trim().slice(0, 80)}`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.name !== 'string' || record.name.length === 0) return 'no "name"';
  let args = record.arguments ?? record.parameters ?? {};
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      return `"arguments" of ${record.name} is not JSON`;
    }
  }
  if (!args || typeof args !== 'object' || Array.isArray(args)) return `"arguments" of ${record.name} is not an object`;
  return { id: generateToolCallId(), name: record.name, arguments: args as Record<string, unknown> };
}

/** Finds the tool-call blocks in a reply. An unclosed final block is read to the end of the text. */
export function parseTextToolCalls(reply: string): TextToolCallParse {
  const calls: ToolCall[] = [];
  const malformed: string[] = [];
  let text = '';
  let rest = reply;
  for (;;) {
    const open = rest.indexOf(TOOL_CALL_OPEN);
    if (open < 0) {
      text += rest;
      break;
    }
    text += rest.slice(0, open);
    const afterOpen = rest.slice(open + TOOL_CALL_OPEN.length);
    const close = afterOpen.indexOf(TOOL_CALL_CLOSE);
    const body = close < 0 ? afterOpen : afterOpen.slice(0, close);
    const call = readCall(body);
    if (typeof call === 'string') malformed.push(close < 0 ? `unclosed ${TOOL_CALL_OPEN} block, ${call}` : call);
    else calls.push(call);
    if (close < 0) break;
    rest = afterOpen.slice(close + TOOL_CALL_CLOSE.length);
  }
  return { text: text.replace(/\n{3,}/g, '\n\n').trim(), calls, malformed };
}

function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}

/** Streams reply text while hiding tool-call blocks, holding back what might be the start of a tag. */
export class TextToolCallFilter {
  private pending = '';
  private inside = false;

  /** Adds a text delta; returns the part that can be shown now. */
  push(delta: string): string {
    this.pending += delta;
    let visible = '';
    for (;;) {
      const tag = this.inside ? TOOL_CALL_CLOSE : TOOL_CALL_OPEN;
      const at = this.pending.indexOf(tag);
      if (at >= 0) {
        if (!this.inside) visible += this.pending.slice(0, at);
        this.pending = this.pending.slice(at + tag.length);
        this.inside = !this.inside;
        continue;
      }
      const keep = partialSuffix(this.pending, tag);
      if (!this.inside) visible += this.pending.slice(0, this.pending.length - keep);
      this.pending = this.pending.slice(this.pending.length - keep);
      return visible;
    }
  }

  /** The held-back text at the end of the reply (nothing while inside an unclosed block). */
  flush(): string {
    const rest = this.inside ? '' : this.pending;
    this.pending = '';
    return rest;
  }
}
