/** Assembles a streamed chat completion into a ChatResponse, reporting parts as they complete. */
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { AtomicError } from '../errors';
import { TextToolCallFilter, parseTextToolCalls } from './textToolProtocol';
import { ToolCallAccumulator } from './toolCallAccumulator';
import type { ChatResponse, ResponsePart, TokenUsage, ToolCall } from './types';

export class StreamedReply {
  private text = '';
  private finishReason: string | undefined;
  private usage: TokenUsage | undefined;
  private readonly toolCalls = new ToolCallAccumulator();
  private readonly filter = new TextToolCallFilter();

  /** `textToolProtocol`: tool calls arrive as `<tool_call>` blocks in the text and are hidden from text parts. */
  constructor(
    private readonly textToolProtocol: boolean,
    private readonly onPart?: (part: ResponsePart) => void,
  ) {}

  add(chunk: ChatCompletionChunk): void {
    if (chunk.usage) {
      this.usage = { promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 };
    }
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const content = choice.delta?.content;
    if (content) {
      this.text += content;
      this.emitText(this.textToolProtocol ? this.filter.push(content) : content);
    }
    const deltas = choice.delta?.tool_calls;
    if (deltas?.length) this.emitCalls(this.toolCalls.add(deltas));
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
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
