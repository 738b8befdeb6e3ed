/** Assembles a streamed chat completion into a ChatResponse, reporting parts as they complete. */
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { AtomicError } from '../errors';
import { replyTooLongError } from './callLimitErrors';
import { TextToolCallFilter, parseTextToolCalls } from './textToolProtocol';
import { ToolCallAccumulator } from './toolCallAccumulator';
import type { ChatResponse, ResponsePart, TokenUsage, ToolCall } from './types';

/** Far above what any model writes in one reply (128k tokens is about 512 000 characters); a stream past it is a runaway. */
export const MAX_REPLY_CHARS = 4_000_000;

export class StreamedReply {
  private text = '';
  private received = 0;
  private finishReason: string | undefined;
  private usage: TokenUsage | undefined;
  private readonly toolCalls = new ToolCallAccumulator();
  private readonly filter = new TextToolCallFilter();

  /** `textToolProtocol`: tool calls arrive as `<tool_call>` blocks in the text and are hidden from text parts. */
  constructor(
    private readonly textToolProtocol: boolean,
    private readonly onPart?: (part: ResponsePart) => void,
    private readonly maxChars = MAX_REPLY_CHARS,
  ) {}

  /**
   * Takes one chunk; returns how much it moved the reply on (characters of content, reasoning or
   * tool calls, plus one for a finish reason or usage). 0 for an empty event: a keep-alive is not progress.
   */
  add(chunk: ChatCompletionChunk): number {
    let progress = 0;
    if (chunk.usage) {
      if (!this.usage) progress += 1;
      this.usage = { promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 };
    }
    const choice = chunk.choices?.[0];
    if (!choice) return progress;
    const content = choice.delta?.content;
    if (content) {
      this.grow(content.length);
      progress += content.length;
      this.text += content;
      this.emitText(this.textToolProtocol ? this.filter.push(content) : content);
    }
    // Reasoning models (DeepSeek R1 on vLLM, Ollama's thinking models) think aloud in a field of their own.
    const delta = choice.delta as { reasoning_content?: unknown; reasoning?: unknown } | undefined;
    const reasoning = typeof delta?.reasoning_content === 'string' ? delta.reasoning_content : typeof delta?.reasoning === 'string' ? delta.reasoning : '';
    if (reasoning) {
      this.grow(reasoning.length);
      progress += reasoning.length;
    }
    const deltas = choice.delta?.tool_calls;
    if (deltas?.length) {
      const size = deltas.reduce((n, d) => n + (d.function?.name?.length ?? 0) + (d.function?.arguments?.length ?? 0), 0);
      this.grow(size);
      progress += size;
      this.emitCalls(this.toolCalls.add(deltas));
    }
    if (choice.finish_reason && this.finishReason === undefined) progress += 1;
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return progress;
  }

  /** Characters of content, reasoning and tool calls received so far. */
  get size(): number {
    return this.received;
  }

  private grow(chars: number): void {
    this.received += chars;
    if (this.received > this.maxChars) throw replyTooLongError(this.maxChars);
  }

  /** True once the server said why the reply ended; a stream that ends without it was cut. */
  get finished(): boolean {
    return this.finishReason !== undefined;
  }

  finish(): ChatResponse {
    this.emitCalls(this.toolCalls.finish());
    let text = this.text;
    let calls = this.toolCalls.all();
    let finishReason = this.finishReason ?? 'stop';
    if (this.textToolProtocol) {
      this.emitText(this.filter.flush());
      const parsed = parseTextToolCalls(text);
      if (parsed.malformed.length > 0) {
        throw new AtomicError(
          'modelReplyMalformed',
          `The model wrote a tool call that could not be read (${parsed.malformed.join('; ')}).`,
          text,
        );
      }
      this.emitCalls(parsed.calls);
      text = parsed.text;
      calls = [...calls, ...parsed.calls];
    }
    // Some servers (Ollama among them) say 'stop' after tool calls.
    if (calls.length > 0 && finishReason === 'stop') finishReason = 'tool_calls';
    return {
      text,
      toolCalls: calls,
      finishReason,
      ...(this.usage ? { usage: this.usage } : {}),
      ...(this.textToolProtocol ? { usedTextToolProtocol: true } : {}),
    };
  }

  private emitText(text: string): void {
    if (text) this.onPart?.({ type: 'text', text });
  }

  private emitCalls(calls: ToolCall[]): void {
    for (const call of calls) this.onPart?.({ type: 'toolCall', call });
  }
}
