/** A named model the endpoint does not serve: the error then lists the models it does serve. */
import { AtomicError } from '../errors';
import { missingModelMessage } from './modelSetupGuidance';
import type { ChatModel, ChatRequest, ChatResponse } from './types';

/** A 404 from a chat call, which toAtomicError words as a configuration problem. */
export function isMissingModel(err: unknown): err is AtomicError {
  if (!(err instanceof AtomicError) || err.reason !== 'configuration') return false;
  return (err.cause as { status?: unknown } | undefined)?.status === 404;
}

/**
 * Wraps a model whose id came from the settings (not from the endpoint's list): when the endpoint
 * answers 404, it is asked for its models once and the error names them. A 404 from a wrong base
 * URL stays as it was (the list fails too), and so does one for a model the server does list.
 */
export class ModelListedWhenMissing implements ChatModel {
  constructor(
    private readonly inner: ChatModel,
    private readonly listModels: () => Promise<string[]>,
  ) {}

  get identity() {
    return this.inner.identity;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    try {
      return await this.inner.chat(request);
    } catch (err) {
      if (!isMissingModel(err) || request.signal.aborted) throw err;
      const listed = await this.listModels().catch(() => undefined);
      const { model, endpoint } = this.inner.identity;
      if (!listed || listed.includes(model)) throw err;
      throw new AtomicError('configuration', missingModelMessage(model, endpoint, listed), listed.join('\n'), { cause: err });
    }
  }
}
