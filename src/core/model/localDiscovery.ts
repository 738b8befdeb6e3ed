/** Lists an endpoint's models, and finds a model server running on this machine. */
import { AtomicError, type ErrorReason } from '../errors';
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
  let contentType = '';
  try {
    const { data: page, response } = await client.models.list({ signal: options.signal }).withResponse();
    data = page.data;
    contentType = response.headers.get('content-type') ?? '';
  } catch (err) {
    if (options.signal?.aborted) throw cancelledError();
    throw toAtomicError(err, { baseUrl, timeoutMs: options.timeoutMs });
  }
  // Another kind of web server on the port may answer 200 with something that is not a model list
  // (the client reads an HTML page as an empty list).
  if (!/json/i.test(contentType) || !Array.isArray(data) || !data.every((m) => m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string')) {
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

/** What one probe of a local server found: its model list, or why it gave none. */
export interface LocalProbe {
  name: LocalServerName;
  baseUrl: string;
  models?: string[];
  /** Why no model list came back (nothing listening, refused, not an OpenAI-compatible API). */
  problem?: { reason: ErrorReason; message: string };
}

export interface LocalDiscovery {
  /** The most preferred server that answered with a non-empty model list. */
  found?: LocalServer;
  /** Every server probed, in order of preference: what to tell a user when none is found. */
  tried: LocalProbe[];
}

/** Probes the usual local servers at once; reports each, and the most preferred one that answers with a model list. */
export async function probeLocalServers(options: DiscoverOptions): Promise<LocalDiscovery> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const names = Object.keys(LOCAL_SERVER_PORTS) as LocalServerName[];
  const probes = names.map((name) => {
    const baseUrl = `http://127.0.0.1:${options.ports?.[name] ?? LOCAL_SERVER_PORTS[name]}/v1`;
    return listModels(baseUrl, { timeoutMs: options.timeoutMs, signal: controller.signal }).then(
      (models): LocalProbe => ({ name, baseUrl, models }),
      (err: unknown): LocalProbe => ({
        name,
        baseUrl,
        problem: { reason: err instanceof AtomicError ? err.reason : 'endpointError', message: err instanceof Error ? err.message : String(err) },
      }),
    );
  });
  try {
    const tried = await Promise.all(probes);
    if (options.signal?.aborted) throw cancelledError();
    // A server with no model loaded is reported, not chosen: another one may have models.
    const first = tried.find((p) => p.models?.length);
    return { found: first && { name: first.name, baseUrl: first.baseUrl, models: first.models! }, tried };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}

/** The most preferred local server that answers with a model list. */
export async function discoverLocalServer(options: DiscoverOptions): Promise<LocalServer | undefined> {
  return (await probeLocalServers(options)).found;
}
