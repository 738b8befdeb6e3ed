import { throwIfAborted } from '../errors';
import type { ChatMessage, ChatModel, ResponsePart, TokenUsage, ToolCall, ToolSpec } from '../model/types';

export interface ToolLoopOptions {
  model: ChatModel;
  messages: ChatMessage[];
  tools: ToolSpec[];
  runTool: (call: ToolCall) => Promise<string>;
  maxToolTurns: number;
  signal: AbortSignal;
  onPart?: (part: ResponsePart) => void;
  onToolCall?: (call: ToolCall) => void;
}

export interface ToolLoopResult {
  /** The final answer's text. */
  text: string;
  /** Everything sent and received, final answer included. */
  messages: ChatMessage[];
  usage: TokenUsage;
  toolCalls: number;
}

export function addUsage(total: TokenUsage, more: TokenUsage | undefined): TokenUsage {
  return more ? { promptTokens: total.promptTokens + more.promptTokens, completionTokens: total.completionTokens + more.completionTokens } : total;
}

/**
 * Lets the model call tools for at most `maxToolTurns` rounds, then asks for the answer
 * without tools so the loop always ends with text.
 */
export async function runToolLoop(options: ToolLoopOptions): Promise<ToolLoopResult> {
  const messages = [...options.messages];
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  let toolCalls = 0;
  for (let turn = 0; ; turn++) {
    throwIfAborted(options.signal);
    const toolsAllowed = turn < options.maxToolTurns && options.tools.length > 0;
    const response = await options.model.chat({
      messages,
      tools: toolsAllowed ? options.tools : undefined,
      signal: options.signal,
      onPart: options.onPart,
    });
    usage = addUsage(usage, response.usage);
    if (!toolsAllowed || response.toolCalls.length === 0) {
      messages.push({ role: 'assistant', content: response.text });
      return { text: response.text, messages, usage, toolCalls };
    }
    messages.push({ role: 'assistant', content: response.text, toolCalls: response.toolCalls });
    for (const call of response.toolCalls) {
      throwIfAborted(options.signal);
      options.onToolCall?.(call);
      toolCalls++;
      const content = call.argumentsError ? `Not run. ${call.argumentsError}. Call ${call.name} again with a JSON object of arguments.` : await options.runTool(call);
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content });
    }
    if (turn + 1 === options.maxToolTurns) {
      messages.push({ role: 'user', content: 'You have used all tool calls. Answer now in the required format.' });
    }
  }
}
