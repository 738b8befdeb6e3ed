/** The scripted model server's reply rules: what a rule says, and which rule answers a request. */

export interface ScriptedReplyCondition {
  /** The last `user` message contains this text. */
  lastUserIncludes?: string;
  /** Some message (any role) contains this text. */
  anyMessageIncludes?: string;
  /** Some `system` (or `developer`) message contains this text. */
  systemIncludes?: string;
  /** The request carries a non-empty `tools` array (true) or none (false). */
  hasTools?: boolean;
  /** Some `tool` message (a tool result) contains this text. */
  toolResultIncludes?: string;
}

export interface ScriptedToolCall {
  name: string;
  /** Serialised with JSON.stringify; a string is sent verbatim (to script malformed arguments). */
  arguments: unknown;
}

export interface ScriptedReply {
  /** Reply only to requests matching all given conditions; omitted = any. */
  when?: ScriptedReplyCondition;
  /** How many times this rule may answer; default 1. Infinity allowed. A `rejectTools` refusal does not count. */
  times?: number;
  /** Assistant text. */
  content?: string;
  /** Native tool calls. */
  toolCalls?: ScriptedToolCall[];
  /** Overrides the finish reason ('tool_calls' when there are tool calls, else 'stop'); '' sends null (a reply that never says it finished). */
  finishReason?: string;
  /** HTTP error reply: the status (default 500 when `error` is given). */
  status?: number;
  /** HTTP error reply: the OpenAI-style error object. */
  error?: { message: string; type?: string; code?: string | null };
  /** Wait before the first byte. */
  delayMs?: number;
  /** Streaming: wait between SSE chunks. */
  chunkDelayMs?: number;
  /** Streaming: destroy the socket after this many chunks (a cut stream). */
  cutAfterChunks?: number;
  /** Answer 400 like servers without tool support when the request has `tools`; answer normally otherwise. */
  rejectTools?: boolean;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/** The JSON body of a chat-completions request, as far as matching needs it. */
export interface ChatRequestBody {
  model?: string;
  messages?: { role?: string; content?: unknown }[];
  tools?: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

export const DEFAULT_FALLBACK: ScriptedReply = { content: '(no scripted reply)', times: Infinity };

/** Text of a message's content, whether a string or an array of content parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
      .join('');
  }
  return '';
}

export function requestHasTools(body: ChatRequestBody): boolean {
  return Array.isArray(body.tools) && body.tools.length > 0;
}

export function conditionMatches(when: ScriptedReplyCondition | undefined, body: ChatRequestBody): boolean {
  if (!when) return true;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const texts = (roles?: string[]) =>
    messages.filter((m) => !roles || roles.includes(String(m.role))).map((m) => contentText(m.content));
  if (when.lastUserIncludes !== undefined) {
    const lastUser = texts(['user']).pop();
    if (lastUser === undefined || !lastUser.includes(when.lastUserIncludes)) return false;
  }
  if (when.anyMessageIncludes !== undefined && !texts().some((t) => t.includes(when.anyMessageIncludes!))) return false;
  if (when.systemIncludes !== undefined && !texts(['system', 'developer']).some((t) => t.includes(when.systemIncludes!))) {
    return false;
  }
  if (when.hasTools !== undefined && requestHasTools(body) !== when.hasTools) return false;
  if (when.toolResultIncludes !== undefined && !texts(['tool']).some((t) => t.includes(when.toolResultIncludes!))) {
    return false;
  }
  return true;
}

/** The ordered rule list with remaining answer counts. */
export class ScriptedRuleBook {
  private readonly rules: { reply: ScriptedReply; left: number }[] = [];

  constructor(
    replies: ScriptedReply[] = [],
    private readonly fallback: ScriptedReply = DEFAULT_FALLBACK,
  ) {
    this.add(...replies);
  }

  add(...replies: ScriptedReply[]): void {
    for (const reply of replies) this.rules.push({ reply, left: reply.times ?? 1 });
  }

  /** The reply for this request; consumes one answer of the chosen rule unless it only refuses tools. */
  pick(body: ChatRequestBody): ScriptedReply {
    const rule = this.rules.find((r) => r.left > 0 && conditionMatches(r.reply.when, body));
    if (!rule) return this.fallback;
    const refusesTools = rule.reply.rejectTools === true && requestHasTools(body);
    if (!refusesTools) rule.left -= 1;
    return rule.reply;
  }

  /** Rules that still have answers left (for diagnostics in tests). */
  pending(): ScriptedReply[] {
    return this.rules.filter((r) => r.left > 0).map((r) => r.reply);
  }
}
