/** Turns failures of the OpenAI client into AtomicErrors whose messages say what to do. */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AtomicError, isCancellation } from '../errors';
import { redactCredentials } from '../feedback/redactText';
import { httpStatusText } from './httpStatusText';
import { formatDuration } from './formatDuration';
import { redactedErrorBody } from './openAiClient';

export interface EndpointContext {
  baseUrl: string;
  /** The model asked for, when the call names one. */
  model?: string;
  timeoutMs: number;
}

const CHECK_SERVER = 'Check that the server is running and that atomicSkills.model.baseUrl points at it.';

/** The first `code` (ECONNREFUSED, ENOTFOUND, …) in an error's cause chain. */
function causeCode(err: unknown): string | undefined {
  for (let current = err, depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The server's own message, without the client's "400 " prefix. */
export function serverMessage(err: APIError): string {
  const inner = (err.error as { message?: unknown } | undefined)?.message;
  if (typeof inner === 'string' && inner.length > 0) return inner;
  return err.message.replace(/^\d{3}\s+/, '');
}

export function cancelledError(): AtomicError {
  return new AtomicError('cancelled', 'Cancelled.');
}

export function timeoutError(ctx: EndpointContext, phase: 'answer' | 'stream'): AtomicError {
  const what = phase === 'answer' ? 'did not answer' : 'stopped sending its reply';
  return new AtomicError(
    'endpointUnreachable',
    `The model endpoint at ${ctx.baseUrl} ${what} within ${formatDuration(ctx.timeoutMs)}. ${CHECK_SERVER} A slow model may need a larger atomicSkills.model.requestTimeoutSeconds.`,
  );
}

export function streamCutError(ctx: EndpointContext, cause?: unknown): AtomicError {
  const why = cause instanceof Error ? ` (${cause.message})` : '';
  return new AtomicError(
    'endpointError',
    `The stream from the model endpoint at ${ctx.baseUrl} was cut before the reply finished${why}. Try again; if it keeps happening, check the server's log.`,
    undefined,
    { cause },
  );
}

/** A 200 answer to a streamed request that is not an event stream: a web page or a proxy that drops streaming. */
export function notAStreamError(ctx: EndpointContext, contentType: string): AtomicError {
  return new AtomicError(
    'configuration',
    `The endpoint at ${ctx.baseUrl} answered a streamed chat request with ${contentType || 'no content type'}, not an event stream. Check atomicSkills.model.baseUrl: it must be the OpenAI-compatible API (usually ending in /v1), not a web page, and a proxy in between must pass streaming through.`,
  );
}

/** True when a 400/422 answer says the server or model cannot take `tools`. */
export function isToolsUnsupported(err: unknown): boolean {
  if (!(err instanceof APIError) || (err.status !== 400 && err.status !== 422)) return false;
  return /tool|function/i.test(serverMessage(err));
}

/**
 * An error event inside a stream becomes an APIError without passing the client's makeStatusError (where error
 * answers lose their credentials, openAiClient.ts): its message, stack and body lose them here.
 */
function scrubbed(err: APIError): void {
  err.message = redactCredentials(err.message);
  if (err.stack) err.stack = redactCredentials(err.stack);
  (err as { error: unknown }).error = redactedErrorBody(err.error);
}

export function toAtomicError(err: unknown, ctx: EndpointContext): AtomicError {
  if (err instanceof AtomicError) return err;
  if (err instanceof APIError) scrubbed(err);
  if (err instanceof APIUserAbortError || isCancellation(err)) return cancelledError();
  if (err instanceof APIConnectionTimeoutError) return timeoutError(ctx, 'answer');
  if (err instanceof APIConnectionError) {
    const code = causeCode(err.cause);
    return new AtomicError(
      'endpointUnreachable',
      `Cannot reach the model endpoint at ${ctx.baseUrl}${code ? ` (${code})` : ''}. ${CHECK_SERVER}`,
      undefined,
      { cause: err },
    );
  }
  if (err instanceof APIError && err.status !== undefined) {
    const status = err.status;
    const said = serverMessage(err);
    if (status === 401 || status === 403) {
      return new AtomicError(
        'authentication',
        `The model endpoint at ${ctx.baseUrl} refused the API key (${httpStatusText(status, said)}). Run "Atomic Skills: Set API Key" to set the right key.`,
        undefined,
        { cause: err },
      );
    }
    if (status === 404) {
      const aboutModel = err.code === 'model_not_found' || /model/i.test(said);
      const message = aboutModel && ctx.model
        ? `The model "${ctx.model}" is not available at ${ctx.baseUrl} (${said}). Choose one of the models the server lists, or load/pull it on the server.`
        : `The endpoint ${ctx.baseUrl} has no such API (${httpStatusText(404, said)}). Check atomicSkills.model.baseUrl; OpenAI-compatible servers usually serve it under /v1.`;
      return new AtomicError('configuration', message, undefined, { cause: err });
    }
    if (status === 429) {
      return new AtomicError(
        'endpointError',
        `The model endpoint at ${ctx.baseUrl} is limiting requests (${httpStatusText(429, said)}), still after the retries of atomicSkills.model.maxRetries. Wait a minute and try again, or check the plan's rate limits.`,
        undefined,
        { cause: err },
      );
    }
    if ((status === 400 || status === 413 || status === 422) && /context|too long|too large|maximum.*tokens|tokens.*exceed/i.test(said)) {
      return new AtomicError(
        'endpointError',
        `The request is larger than the model at ${ctx.baseUrl} can take (${httpStatusText(status, said)}). Give the skill less code (a selection or fewer files), or use a model with a longer context.`,
        undefined,
        { cause: err },
      );
    }
    return new AtomicError(
      'endpointError',
      `The model endpoint at ${ctx.baseUrl} answered ${httpStatusText(status, said)}`,
      undefined,
      { cause: err },
    );
  }
  if (err instanceof APIError) {
    // An error event inside the stream.
    return new AtomicError('endpointError', `The model endpoint at ${ctx.baseUrl} reported an error: ${serverMessage(err)}`, undefined, {
      cause: err,
    });
  }
  return new AtomicError(
    'endpointError',
    `The call to the model endpoint at ${ctx.baseUrl} failed: ${err instanceof Error ? err.message : String(err)}`,
    undefined,
    { cause: err },
  );
}
