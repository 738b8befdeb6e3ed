/** Lists an endpoint's models, and finds a model server running on this machine. */
import { AtomicError } from '../errors';
import { cancelledError, toAtomicError } from './endpointErrors';
import { createOpenAiClient } from './openAiClient';

export type LocalServerName = 'Ollama' | 'LM Studio' | 'vLLM' | 'llama.cpp';

export interface LocalServer {
  /** e.g. "http://127.0.0.1:11434/v1" */
  baseUrl: string;
  models: string[];
  name: LocalServerName;
}

/** Default ports, in order of preference. */
export const LOCAL_SERVER_PORTS: Readonly<Record<LocalServerName, number>> = {
  Ollama: 11434,
  'LM Studio': 1234,
  vLLM: 8000,
  'llama.cpp': 8080,
};

export interface ListModelsOptions {
  apiKey?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Default 0: a model list is cheap to ask for again. */
  maxRetries?: number;
}

/** The model ids the endpoint serves (GET {baseUrl}/models). */
export async function listModels(baseUrl: string, options: ListModelsOptions): Promise<string[]> {
  const client = createOpenAiClient({ baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries ?? 0 });
  let data: unknown;
  try {
    data = (await client.models.list({ signal: options.signal })).data;
  } catch (err) {
    if (options.signal?.aborted) throw cancelledError();
    throw toAtomicError(err, { baseUrl, timeoutMs: options.timeoutMs });
  }
  // Another kind of web server on the port may answer 200 with something that is not a model list.
  if (!Array.isArray(data) || !data.every((m) => m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string')) {
    throw new AtomicError('endpointError', `${baseUrl}/models did not answer with a list of models; is this an OpenAI-compatible endpoint?`);
  }
  return data.map((m: { id: string }) => m.id);
}

export interface DiscoverOptions {
  /** Per probe; keep it short (a few hundred ms), every probe runs in parallel. */
  timeoutMs: number;
  /** Ports to probe instead of the defaults (for tests or unusual setups). */
  ports?: Partial<Record<LocalServerName, number>>;
  signal?: AbortSignal;
}

/** Probes the usual local servers at once; returns the most preferred one that answers with a model list. */
export async function discoverLocalServer(options: DiscoverOptions): Promise<LocalServer | undefined> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const names = Object.keys(LOCAL_SERVER_PORTS) as LocalServerName[];
  const probes = names.map((name) => {
    const baseUrl = `http://127.0.0.1:${options.ports?.[name] ?? LOCAL_SERVER_PORTS[name]}/v1`;
    return listModels(baseUrl, { timeoutMs: options.timeoutMs, signal: controller.signal }).then(
      (models): LocalServer => ({ baseUrl, models, name }),
      () => undefined,
    );
  });
  try {
    for (const probe of probes) {
      const found = await probe;
      if (options.signal?.aborted) throw cancelledError();
      if (found) return found;
    }
    return undefined;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}
