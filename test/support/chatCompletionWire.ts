/** OpenAI chat-completions wire objects built from a scripted reply: the completion, the stream chunks, errors. */
import type { ChatRequestBody, ScriptedReply } from './scriptedReplyRules';
import { contentText } from './scriptedReplyRules';

export interface WireToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: null; code: string | null };
}

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}${Date.now().toString(36)}${sequence.toString(36)}`;
}

export function openAiError(message: string, type = 'invalid_request_error', code: string | null = null): OpenAiErrorBody {
  return { error: { message, type, param: null, code } };
}

export function wireToolCalls(reply: ScriptedReply): WireToolCall[] {
  return (reply.toolCalls ?? []).map((call) => ({
    id: nextId('call_'),
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
}

export function finishReasonOf(reply: ScriptedReply, calls: WireToolCall[]): string | null {
  return (reply.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop')) || null;
}

/** Rough token counts (4 characters a token) unless the reply scripts them. */
export function usageOf(reply: ScriptedReply, body: ChatRequestBody, calls: WireToolCall[]) {
  const promptChars = (body.messages ?? []).reduce((n, m) => n + contentText(m.content).length, 0);
  const completionChars = (reply.content ?? '').length + calls.reduce((n, c) => n + c.name.length + c.arguments.length, 0);
  const usage = reply.usage ?? {
    prompt_tokens: Math.ceil(promptChars / 4),
    completion_tokens: Math.ceil(completionChars / 4),
  };
  return { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
}

export function chatCompletion(reply: ScriptedReply, body: ChatRequestBody) {
  const calls = wireToolCalls(reply);
  return {
    id: nextId('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? 'scripted-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content ?? (calls.length > 0 ? null : ''),
          refusal: null,
          ...(calls.length > 0
            ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        },
        logprobs: null,
        finish_reason: finishReasonOf(reply, calls),
      },
    ],
    usage: usageOf(reply, body, calls),
  };
}

/** Splits text into several pieces at word boundaries (whitespace stays with the preceding word). */
export function splitText(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

/** Splits a string into at most `parts` pieces of similar length. */
export function splitFragments(text: string, parts: number): string[] {
  if (text.length === 0) return [];
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The `chat.completion.chunk` objects of a streamed reply, in order (without the final `[DONE]`). */
export function chatCompletionChunks(reply: ScriptedReply, body: ChatRequestBody): object[] {
  const id = nextId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const model = body.model ?? 'scripted-model';
  const calls = wireToolCalls(reply);
  const chunk = (delta: object, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const chunks: object[] = [chunk({ role: 'assistant', content: calls.length > 0 && !reply.content ? null : '' })];
  for (const piece of splitText(reply.content ?? '')) chunks.push(chunk({ content: piece }));
  calls.forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const fragment of splitFragments(call.arguments, 3)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  chunks.push(chunk({}, finishReasonOf(reply, calls)));
  if (body.stream_options?.include_usage) {
    chunks.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usageOf(reply, body, calls) });
  }
  return chunks;
}
