import * as vscode from 'vscode';
import type { Settings } from '../core/config';
import { AtomicError, errorMessage, isCancellation } from '../core/errors';
import { modelVendor, setupModelId } from '../core/manifest';
import { checkedBaseUrl } from '../core/model/endpointUrl';
import { listModels, probeLocalServers, type LocalDiscovery } from '../core/model/localDiscovery';
import { noModelError, noModelStatus } from '../core/model/modelSetupGuidance';
import { OpenAiCompatibleModel } from '../core/model/openAiCompatibleModel';
import { resolveModel } from '../core/model/resolveModel';
import type { ChatModel, ChatRequest, ChatResponse } from '../core/model/types';
import type { ApiKeyStore } from './apiKeyStore';
import { log } from './log';
import { readSettings } from './settings';
import type { ModelStatusBar } from './statusBar';
import { VsCodeLmModel } from './vscodeLmModel';

/** Reports every call's outcome to the status bar. */
class TrackedModel implements ChatModel {
  constructor(
    private readonly inner: ChatModel,
    private readonly status: ModelStatusBar,
  ) {}

  get identity() {
    return this.inner.identity;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    try {
      const response = await this.inner.chat(request);
      this.status.reportSuccess(this.identity);
      return response;
    } catch (err) {
      if (!isCancellation(err)) {
        this.status.reportFailure(this.identity, errorMessage(err));
        log.error(`Model call to ${this.identity.model} at ${this.identity.endpoint} failed: ${errorMessage(err)}`);
      }
      throw err;
    }
  }
}

/** Chooses the model for each request, per `atomicSkills.model.*`. */
export class ModelService {
  private localDiscovery: Promise<LocalDiscovery> | undefined;
  private hostCheck: Promise<void> | undefined;

  constructor(
    private readonly apiKeys: ApiKeyStore,
    private readonly status: ModelStatusBar,
  ) {
    this.refreshStatus();
  }

  refreshStatus(): void {
    this.localDiscovery = undefined;
    const { model } = readSettings();
    this.status.showConfigured(model.baseUrl ? model.name || endpointHost(model.baseUrl) : model.backend === 'vscode-lm' ? 'VS Code model' : 'auto');
  }

  /** The endpoint whose models the language-model provider lists: the configured one, else a local server (auto). */
  async providerEndpoint(settings: Settings): Promise<{ baseUrl: string; models?: string[] } | undefined> {
    if (settings.model.baseUrl) return { baseUrl: checkedBaseUrl(settings.model.baseUrl) };
    if (settings.model.backend !== 'auto') return undefined;
    const { found, tried } = await this.discoverLocal();
    if (!found) void this.reportNoLocalServer(tried);
    return found && { baseUrl: found.baseUrl, models: found.models };
  }

  /**
   * Auto found no local server: the status bar says so, unless VS Code offers a chat model of
   * another vendor (which auto uses). Not awaited by the provider: asking VS Code for its models
   * may ask our provider again, which then finds this check running.
   */
  private reportNoLocalServer(tried: LocalDiscovery['tried']): Promise<void> {
    this.hostCheck ??= (async () => {
      const others = (await vscode.lm.selectChatModels()).filter((m) => m.vendor !== modelVendor);
      const { model } = readSettings();
      if (!others.length && !model.baseUrl && model.backend === 'auto') this.status.showNoModel(noModelStatus(noModelError(tried)));
    })()
      .catch((err) => log.warn(`Could not list VS Code's chat models: ${errorMessage(err)}`))
      .finally(() => (this.hostCheck = undefined));
    return this.hostCheck;
  }

  /** The configured endpoint could not be asked for its models. */
  reportUnavailable(message: string): void {
    this.status.reportFailure(undefined, message);
  }

  async listEndpointModels(baseUrl: string): Promise<string[]> {
    const settings = readSettings();
    return listModels(baseUrl, { apiKey: await this.apiKeys.get(baseUrl), timeoutMs: Math.min(settings.model.requestTimeoutMs, 10_000) });
  }

  async endpointModel(baseUrl: string, model: string): Promise<ChatModel> {
    const settings = readSettings();
    return new TrackedModel(
      new OpenAiCompatibleModel({ baseUrl, model, apiKey: await this.apiKeys.get(baseUrl), timeoutMs: settings.model.requestTimeoutMs, replyTimeoutMs: settings.model.replyTimeoutMs, maxRetries: settings.model.maxRetries }),
      this.status,
    );
  }

  /** A server found is kept until the settings change; a miss is probed again next time (one may have just been started). */
  private discoverLocal(): Promise<LocalDiscovery> {
    if (this.localDiscovery) return this.localDiscovery;
    const probe = probeLocalServers({ timeoutMs: 1500 }).catch((): LocalDiscovery => ({ tried: [] }));
    this.localDiscovery = probe;
    void probe.then(({ found }) => {
      if (!found && this.localDiscovery === probe) this.localDiscovery = undefined;
    });
    return probe;
  }

  /**
   * The model for a skill run. `requestModel` is the chat request's model: used when it is one of
   * ours (our provider's endpoint model) or when the backend is vscode-lm (or auto without an endpoint).
   * Our "no model connected" entry stands for no choice: the settings decide, and say what is missing.
   */
  async resolve(requestModel?: vscode.LanguageModelChat): Promise<ChatModel> {
    const settings = readSettings();
    if (requestModel?.vendor === modelVendor && requestModel.id === setupModelId) requestModel = undefined;
    if (requestModel?.vendor === modelVendor) {
      const endpoint = await this.providerEndpoint(settings);
      if (endpoint) return this.endpointModel(endpoint.baseUrl, requestModel.id);
    }
    const apiKey = await this.apiKeys.get(settings.model.baseUrl);
    try {
      const model = await resolveModel(settings, {
        apiKey,
        hostModel: async () => {
          if (requestModel && requestModel.vendor !== modelVendor) return new VsCodeLmModel(requestModel);
          const [first] = (await vscode.lm.selectChatModels()).filter((m) => m.vendor !== modelVendor);
          return first && new VsCodeLmModel(first);
        },
        discoverLocal: () => this.discoverLocal(),
        listModels: (baseUrl, key) => listModels(baseUrl, { apiKey: key, timeoutMs: Math.min(settings.model.requestTimeoutMs, 10_000) }),
        createOpenAi: (options) => new OpenAiCompatibleModel(options),
      });
      return new TrackedModel(model, this.status);
    } catch (err) {
      if (err instanceof AtomicError && err.reason === 'noModel') this.status.showNoModel(noModelStatus(err));
      else if (err instanceof AtomicError) this.status.reportFailure(undefined, err.message);
      throw err;
    }
  }
}

function endpointHost(baseUrl: string): string {
  try {
    return new URL(checkedBaseUrl(baseUrl)).host;
  } catch {
    return 'invalid base URL';
  }
}
