/** The model port: the one small interface every skill talks to. */

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed JSON arguments; `{}` when the model sent none, or sent ones that do not parse. */
  arguments: Record<string, unknown>;
  /** Why the arguments the model sent could not be read; the tool is then not run, and the model is told. */
  argumentsError?: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string };

export interface ToolSpec {
  /** Starts with a verb; says when to use the tool. */
  name: string;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export type ResponsePart = { type: 'text'; text: string } | { type: 'toolCall'; call: ToolCall };

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  /** 'required' forces a tool call where the backend supports it. */
  toolMode?: 'auto' | 'required';
  temperature?: number;
  maxTokens?: number;
  signal: AbortSignal;
  /** Streamed parts, in order, as they arrive. */
  onPart?: (part: ResponsePart) => void;
  /** Status lines while the call waits instead of streaming ("… did not answer within 60 s; retrying (attempt 2 of 3)…"). */
  onStatus?: (message: string) => void;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  finishReason: string;
  usage?: TokenUsage;
  /** True when tools went through the plain-text protocol because the server rejected `tools`. */
  usedTextToolProtocol?: boolean;
}

export type BackendKind = 'openai' | 'vscode-lm';

export interface ModelIdentity {
  backend: BackendKind;
  /** Model id as the backend names it. */
  model: string;
  /** Base URL for OpenAI-compatible endpoints, the vendor for vscode-lm models. */
  endpoint: string;
}

export interface ChatModel {
  readonly identity: ModelIdentity;
  chat(request: ChatRequest): Promise<ChatResponse>;
}
