/** The ChatModel for any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, LM Studio, vLLM, llama.cpp …). */
import type OpenAI from 'openai';
import { OpenAIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { AtomicError, throwIfAborted } from '../errors';
import type { EndpointContext } from './endpointErrors';
import { cancelledError, isToolsUnsupported, notAStreamError, streamCutError, timeoutError, toAtomicError } from './endpointErrors';
import { createOpenAiClient } from './openAiClient';
import { toOpenAiMessages, toOpenAiTools } from './openAiMessages';
import { StreamedReply } from './streamedReply';
import { toTextToolMessages } from './textToolProtocol';
import type { ChatModel, ChatRequest, ChatResponse, ModelIdentity } from './types';

export interface OpenAiCompatibleModelOptions {
  /** e.g. "http://127.0.0.1:11434/v1" */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Per attempt: until the response starts, and then the longest pause allowed inside the stream. */
  timeoutMs: number;
  /** Retries of connection failures, timeouts, 408/409/429 and 5xx before the reply starts. */
  maxRetries: number;
}

/** Endpoints (base URL + model) known to reject `tools`: they get the plain-text tool protocol straight away. */
const textToolProtocolEndpoints = new Set<string>();

export class OpenAiCompatibleModel implements ChatModel {
  readonly identity: ModelIdentity;
  private readonly client: OpenAI;
  private readonly context: EndpointContext;
  private readonly endpointKey: string;

  constructor(private readonly options: OpenAiCompatibleModelOptions) {
    this.identity = { backend: 'openai', model: options.model, endpoint: options.baseUrl };
    this.client = createOpenAiClient(options);
    this.context = { baseUrl: options.baseUrl, model: options.model, timeoutMs: options.timeoutMs };
    this.endpointKey = `${options.baseUrl.replace(/\/+$/, '')}\n${options.model}`;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    throwIfAborted(request.signal);
    const hasTools = (request.tools?.length ?? 0) > 0;
    const textProtocol = hasTools && textToolProtocolEndpoints.has(this.endpointKey);
    try {
      return await this.stream(request, textProtocol);
    } catch (err) {
      if (!hasTools || textProtocol || !isToolsUnsupported(err) || request.signal.aborted) throw this.mapError(err, request);
    }
    try {
      const response = await this.stream(request, true);
      textToolProtocolEndpoints.add(this.endpointKey);
      return response;
    } catch (err) {
      throw this.mapError(err, request);
    }
  }

  private params(request: ChatRequest, textProtocol: boolean): ChatCompletionCreateParamsStreaming {
    const tools = request.tools ?? [];
    const native = tools.length > 0 && !textProtocol;
    const messages = textProtocol && tools.length > 0 ? toTextToolMessages(request.messages, tools, request.toolMode) : request.messages;
    return {
      model: this.options.model,
      messages: toOpenAiMessages(messages),
      stream: true,
      stream_options: { include_usage: true },
      ...(native ? { tools: toOpenAiTools(tools) } : {}),
      ...(native && request.toolMode === 'required' ? { tool_choice: 'required' as const } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    };
  }

  /** One streamed call. Errors of the client come out unmapped so that `chat` can spot a tools refusal. */
  private async stream(request: ChatRequest, textProtocol: boolean): Promise<ChatResponse> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    request.signal.addEventListener('abort', abort, { once: true });
    let idleTimer: NodeJS.Timeout | undefined;
    let stalled = false;
    const armIdleTimer = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, this.options.timeoutMs);
    };
    try {
      const { data: stream, response } = await this.client.chat.completions.create(this.params(request, textProtocol), { signal: controller.signal }).withResponse();
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.includes('text/event-stream')) throw notAStreamError(this.context, contentType);
      const reply = new StreamedReply(textProtocol, request.onPart);
      const chunks = stream[Symbol.asyncIterator]();
      armIdleTimer();
      for (;;) {
        let next: IteratorResult<ChatCompletionChunk>;
        try {
          next = await chunks.next();
        } catch (err) {
          // The client surfaces error events as APIError; anything else while reading is a broken stream.
          throw err instanceof OpenAIError || controller.signal.aborted ? err : streamCutError(this.context, err);
        }
        if (next.done) break;
        armIdleTimer();
        reply.add(next.value);
      }
      // The client ends the stream quietly when it is aborted.
      if (request.signal.aborted) throw cancelledError();
      if (stalled) throw timeoutError(this.context, 'stream');
      if (!reply.finished) throw streamCutError(this.context);
      return reply.finish();
    } catch (err) {
      if (request.signal.aborted) throw cancelledError();
      if (stalled) throw timeoutError(this.context, 'stream');
      throw err;
    } finally {
      clearTimeout(idleTimer);
      request.signal.removeEventListener('abort', abort);
      controller.abort();
    }
  }

  private mapError(err: unknown, request: ChatRequest): unknown {
    if (request.signal.aborted) return cancelledError();
    // Errors of the client or of this module become AtomicErrors; a failing onPart callback keeps its own error.
    return err instanceof AtomicError || err instanceof OpenAIError ? toAtomicError(err, this.context) : err;
  }
}
