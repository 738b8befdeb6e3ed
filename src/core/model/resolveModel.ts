import type { Settings } from '../config';
import { AtomicError } from '../errors';
import { checkedBaseUrl } from './endpointUrl';
import type { LocalDiscovery } from './localDiscovery';
import { ModelListedWhenMissing } from './missingModel';
import { noModelError } from './modelSetupGuidance';
import type { ChatModel } from './types';

export { noModelMessage } from './modelSetupGuidance';

export interface ModelResolutionDeps {
  /** The key of the configured endpoint; never sent to a discovered local server. */
  apiKey?: string;
  /** A chat model the host offers (VS Code's `vscode.lm`), other than ours; absent in the CLI. */
  hostModel?: () => Promise<ChatModel | undefined>;
  /** Every local server probed, and the one to use if any answered with models. */
  discoverLocal: () => Promise<LocalDiscovery>;
  listModels: (baseUrl: string, apiKey: string | undefined) => Promise<string[]>;
  createOpenAi: (options: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; replyTimeoutMs: number; maxRetries: number }) => ChatModel;
}

async function endpointModel(settings: Settings, baseUrl: string, deps: ModelResolutionDeps, apiKey: string | undefined, known?: string[]): Promise<ChatModel> {
  const named = settings.model.name;
  let model = named;
  if (!model) {
    const models = known ?? (await deps.listModels(baseUrl, apiKey));
    if (!models.length) throw new AtomicError('noModel', `The endpoint ${baseUrl} lists no models; set atomicSkills.model.name.`);
    model = models[0];
  }
  const created = deps.createOpenAi({
    baseUrl,
    model,
    apiKey,
    timeoutMs: settings.model.requestTimeoutMs,
    replyTimeoutMs: settings.model.replyTimeoutMs,
    maxRetries: settings.model.maxRetries,
  });
  // A name from the settings may not be one the endpoint serves; its 404 then lists those it does.
  return named ? new ModelListedWhenMissing(created, () => (known ? Promise.resolve(known) : deps.listModels(baseUrl, apiKey))) : created;
}

/**
 * Picks the model for a request. `openai`: the configured endpoint. `vscode-lm`: a model the
 * host offers. `auto`: the configured endpoint, else a host model, else the first local
 * OpenAI-compatible server that answers.
 */
export async function resolveModel(settings: Settings, deps: ModelResolutionDeps): Promise<ChatModel> {
  const { backend, baseUrl } = settings.model;
  if (backend === 'openai' || (backend === 'auto' && baseUrl)) {
    if (!baseUrl) throw new AtomicError('configuration', 'atomicSkills.model.backend is "openai" but atomicSkills.model.baseUrl is empty.');
    return endpointModel(settings, checkedBaseUrl(baseUrl), deps, deps.apiKey);
  }
  if (backend === 'vscode-lm' || backend === 'auto') {
    const host = await deps.hostModel?.();
    if (host) return host;
    if (backend === 'vscode-lm') {
      throw new AtomicError('noModel', 'atomicSkills.model.backend is "vscode-lm" but VS Code offers no chat model (is a provider such as Copilot signed in?).');
    }
  }
  const { found, tried } = await deps.discoverLocal();
  if (found) return endpointModel(settings, found.baseUrl, deps, undefined, found.models);
  throw noModelError(tried);
}
