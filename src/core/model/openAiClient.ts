/** Builds the official OpenAI client for an OpenAI-compatible endpoint, ignoring OPENAI_* environment defaults. */
import OpenAI from 'openai';
import { rememberSecret } from '../feedback/knownSecrets';
import { redactCredentials } from '../feedback/redactText';

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

/**
 * An error body without credentials: a server may echo the request's Authorization header in it, and the body
 * becomes the client error's message (and the cause every AtomicError of the call keeps).
 */
export function redactedErrorBody<T>(body: T): T | undefined {
  if (body === undefined || body === null) return body ?? undefined;
  try {
    return JSON.parse(redactCredentials(JSON.stringify(body))) as T;
  } catch {
    return undefined;
  }
}

class CompatibleOpenAI extends OpenAI {
  protected override makeStatusError(status: number, error: object, message: string | undefined, headers: Headers) {
    const body = redactedErrorBody(normaliseErrorBody(error)) as object;
    return super.makeStatusError(status, body, message === undefined ? undefined : redactCredentials(message), headers);
  }
}

export function createOpenAiClient(options: EndpointOptions): OpenAI {
  const apiKey = options.apiKey?.trim();
  // Every key sent to an endpoint passes here: from now on no message of this process prints it.
  rememberSecret(apiKey);
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
