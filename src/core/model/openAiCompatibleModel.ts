/** The ChatModel for any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, LM Studio, vLLM, llama.cpp …). */
import type OpenAI from 'openai';
import { OpenAIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { settingDeclarations } from '../config';
import { AtomicError, throwIfAborted } from '../errors';
import { CallDeadline } from './callDeadline';
import { CutBeforeReplyError, NoAnswerError, afterAttempts, replyDeadlineError, type AttemptSeen } from './callLimitErrors';
import type { EndpointContext } from './endpointErrors';
import { cancelledError, isToolsUnsupported, notAStreamError, streamCutError, timeoutError, toAtomicError } from './endpointErrors';
import { createOpenAiClient } from './openAiClient';
import { toOpenAiMessages, toOpenAiTools } from './openAiMessages';
import { retryStep } from './retryPolicy';
import { StreamedReply } from './streamedReply';
import { toTextToolMessages } from './textToolProtocol';
import type { ChatModel, ChatRequest, ChatResponse, ModelIdentity } from './types';

/** The limit of a whole call when the options name none: the setting's default. */
export const DEFAULT_REPLY_TIMEOUT_MS = settingDeclarations['atomicSkills.model.replyTimeoutSeconds'].default * 1000;

export interface OpenAiCompatibleModelOptions {
  /** e.g. "http://127.0.0.1:11434/v1" */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Per attempt: the longest wait for the server to answer, and then for new content; empty events and keep-alives do not count. */
  timeoutMs: number;
  /** The whole call: every attempt, the waits between them and the full reply. Default DEFAULT_REPLY_TIMEOUT_MS. */
  replyTimeoutMs?: number;
  /** Retries of connection failures, unanswered attempts, 408/409/429 and 5xx, while no reply has arrived. */
  maxRetries: number;
  /** Longest reply, in characters of content, reasoning and tool calls. Default MAX_REPLY_CHARS. */
  maxReplyChars?: number;
}

/** Endpoints (base URL + model) known to reject `tools`: they get the plain-text tool protocol straight away. */
const textToolProtocolEndpoints = new Set<string>();

export class OpenAiCompatibleModel implements ChatModel {
  readonly identity: ModelIdentity;
  private readonly client: OpenAI;
  private readonly context: EndpointContext;
  private readonly endpointKey: string;
  private readonly replyTimeoutMs: number;

  constructor(private readonly options: OpenAiCompatibleModelOptions) {
    this.identity = { backend: 'openai', model: options.model, endpoint: options.baseUrl };
    this.replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
    // Retries and time limits are ours (they report progress and honour Retry-After); the client's timeout is only a backstop.
    this.client = createOpenAiClient({ ...options, timeoutMs: this.replyTimeoutMs, maxRetries: 0 });
    this.context = { baseUrl: options.baseUrl, model: options.model, timeoutMs: options.timeoutMs };
    this.endpointKey = `${options.baseUrl.replace(/\/+$/, '')}\n${options.model}`;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    throwIfAborted(request.signal);
    const deadline = new CallDeadline(request.signal, this.replyTimeoutMs);
    try {
      return await this.chatWithin(request, deadline);
    } finally {
      deadline.dispose();
    }
  }

  private async chatWithin(request: ChatRequest, deadline: CallDeadline): Promise<ChatResponse> {
    const hasTools = (request.tools?.length ?? 0) > 0;
    const textProtocol = hasTools && textToolProtocolEndpoints.has(this.endpointKey);
    try {
      return await this.attempts(request, textProtocol, deadline);
    } catch (err) {
      if (!hasTools || textProtocol || !isToolsUnsupported(err) || request.signal.aborted) throw this.mapError(err, request);
    }
    try {
      const response = await this.attempts(request, true, deadline);
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

  /** Streams until one attempt succeeds, retrying what `retryStep` allows and reporting each retry through `onStatus`. */
  private async attempts(request: ChatRequest, textProtocol: boolean, deadline: CallDeadline): Promise<ChatResponse> {
    for (let attempt = 1; ; attempt++) {
      const seen: AttemptSeen = { progressed: false, emptyEvents: 0 };
      try {
        return await this.stream(request, textProtocol, deadline, seen);
      } catch (err) {
        if (request.signal.aborted) throw cancelledError();
        const now = Date.now();
        const step = retryStep(err, {
          ctx: this.context,
          seen,
          attempt,
          maxRetries: this.options.maxRetries,
          remainingMs: deadline.remainingMs(now),
          replyLimitMs: deadline.limitMs,
          now,
        });
        if (!step) throw this.lastError(err, seen, attempt, deadline.elapsedMs(now));
        request.onStatus?.(step.notice);
        await deadline.wait(step.delayMs);
        if (deadline.expired) throw replyDeadlineError(this.context, deadline.limitMs, { ...seen, chars: 0 });
      }
    }
  }

  /** The error of the last attempt, saying how many there were; a tools refusal stays raw for `chatWithin`. */
  private lastError(err: unknown, seen: AttemptSeen, attempts: number, totalMs: number): unknown {
    if (attempts <= 1 || isToolsUnsupported(err)) return err;
    if (err instanceof NoAnswerError) return new NoAnswerError(this.context, seen, attempts, totalMs);
    return err instanceof AtomicError || err instanceof OpenAIError ? afterAttempts(toAtomicError(err, this.context), attempts, totalMs) : err;
  }

  /**
   * One streamed attempt. Errors of the client come out unmapped so that `chat` can spot a tools refusal.
   * The idle timer runs from the request on and restarts only on progress (new content, reasoning or
   * tool-call text), so a server that answers with empty events or keep-alives is still "not answering".
   */
  private async stream(request: ChatRequest, textProtocol: boolean, deadline: CallDeadline, seen: AttemptSeen): Promise<ChatResponse> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    deadline.signal.addEventListener('abort', abort, { once: true });
    if (deadline.signal.aborted) controller.abort();
    let idleTimer: NodeJS.Timeout | undefined;
    let stalled = false;
    let reply: StreamedReply | undefined;
    const armIdleTimer = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, this.options.timeoutMs);
    };
    // Why the attempt was stopped, when one of its limits (or the user) stopped it.
    const stopped = (): AtomicError | undefined => {
      if (request.signal.aborted) return cancelledError();
      if (deadline.expired) return replyDeadlineError(this.context, deadline.limitMs, { ...seen, chars: reply?.size ?? 0 });
      if (stalled) return seen.progressed ? timeoutError(this.context, 'stream') : new NoAnswerError(this.context, seen);
      return undefined;
    };
    armIdleTimer();
    try {
      const { data: stream, response } = await this.client.chat.completions.create(this.params(request, textProtocol), { signal: controller.signal }).withResponse();
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.includes('text/event-stream')) throw notAStreamError(this.context, contentType);
      reply = new StreamedReply(textProtocol, request.onPart, this.options.maxReplyChars);
      const chunks = stream[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<ChatCompletionChunk>;
        try {
          next = await chunks.next();
        } catch (err) {
          // The client surfaces error events as APIError; anything else while reading is a broken stream.
          throw err instanceof OpenAIError || controller.signal.aborted ? err : this.cut(seen, err);
        }
        if (next.done) break;
        if (reply.add(next.value) > 0) {
          seen.progressed = true;
          armIdleTimer();
        } else {
          seen.emptyEvents++;
        }
      }
      // The client ends the stream quietly when it is aborted.
      const why = stopped();
      if (why) throw why;
      if (!reply.finished) throw this.cut(seen);
      return reply.finish();
    } catch (err) {
      throw stopped() ?? err;
    } finally {
      clearTimeout(idleTimer);
      deadline.signal.removeEventListener('abort', abort);
      controller.abort();
    }
  }

  private cut(seen: AttemptSeen, cause?: unknown): AtomicError {
    const cut = streamCutError(this.context, cause);
    return seen.progressed ? cut : new CutBeforeReplyError(cut);
  }

  private mapError(err: unknown, request: ChatRequest): unknown {
    if (request.signal.aborted) return cancelledError();
    // Errors of the client or of this module become AtomicErrors; a failing onPart callback keeps its own error.
    return err instanceof AtomicError || err instanceof OpenAIError ? toAtomicError(err, this.context) : err;
  }
}
