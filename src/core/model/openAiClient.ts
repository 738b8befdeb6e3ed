/** Builds the official OpenAI client for an OpenAI-compatible endpoint, ignoring OPENAI_* environment defaults. */
import OpenAI from 'openai';

export interface EndpointOptions {
  baseUrl: string;
  apiKey?: string;
  /** Per attempt, until the response headers arrive. */
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Error bodies in the shape the client reads (`{error: {message}}`). Compatible servers also answer
 * `{"error": "text"}` (Ollama), `{"object": "error", "message": ...}` (vLLM) or `{"detail": ...}` (FastAPI),
 * whose message the client would otherwise drop.
 */
export function normaliseErrorBody(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const record = body as Record<string, unknown>;
  if (record.error && typeof record.error === 'object') return body;
  if (typeof record.error === 'string') return { error: { message: record.error } };
  if (typeof record.message === 'string') {
    return { error: { message: record.message, type: record.type, code: record.code ?? null } };
  }
  if (record.detail !== undefined) {
    return { error: { message: typeof record.detail === 'string' ? record.detail : JSON.stringify(record.detail) } };
  }
  return body;
}

class CompatibleOpenAI extends OpenAI {
  protected override makeStatusError(status: number, error: object, message: string | undefined, headers: Headers) {
    return super.makeStatusError(status, normaliseErrorBody(error) as object, message, headers);
  }
}

export function createOpenAiClient(options: EndpointOptions): OpenAI {
  const apiKey = options.apiKey?.trim();
  return new CompatibleOpenAI({
    baseURL: options.baseUrl,
    // The client insists on a key; local servers need none, so then send no Authorization header at all.
    apiKey: apiKey || 'no-api-key',
    defaultHeaders: apiKey ? undefined : { Authorization: null },
    // Never pick up the user's OpenAI credentials or settings from the environment for another endpoint.
    adminAPIKey: null,
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: 'off',
  });
}
