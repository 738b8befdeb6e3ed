import * as vscode from 'vscode';
import type { Settings } from '../core/config';
import { AtomicError, errorMessage, isCancellation } from '../core/errors';
import { modelVendor } from '../core/manifest';
import { checkedBaseUrl } from '../core/model/endpointUrl';
import { discoverLocalServer, listModels } from '../core/model/localDiscovery';
import { OpenAiCompatibleModel } from '../core/model/openAiCompatibleModel';
import { resolveModel, type LocalServerInfo } from '../core/model/resolveModel';
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
  private localServer: Promise<LocalServerInfo | undefined> | undefined;

  constructor(
    private readonly apiKeys: ApiKeyStore,
    private readonly status: ModelStatusBar,
  ) {
    this.refreshStatus();
  }

  refreshStatus(): void {
    this.localServer = undefined;
    const { model } = readSettings();
    this.status.showConfigured(model.baseUrl ? model.name || endpointHost(model.baseUrl) : model.backend === 'vscode-lm' ? 'VS Code model' : 'auto');
  }

  /** The endpoint whose models the language-model provider lists: the configured one, else a local server (auto). */
  async providerEndpoint(settings: Settings): Promise<{ baseUrl: string; models?: string[] } | undefined> {
    if (settings.model.baseUrl) return { baseUrl: checkedBaseUrl(settings.model.baseUrl) };
    if (settings.model.backend !== 'auto') return undefined;
    const local = await this.discoverLocal();
    return local && { baseUrl: local.baseUrl, models: local.models };
  }

  async listEndpointModels(baseUrl: string): Promise<string[]> {
    const settings = readSettings();
    return listModels(baseUrl, { apiKey: await this.apiKeys.get(baseUrl), timeoutMs: Math.min(settings.model.requestTimeoutMs, 10_000) });
  }

  async endpointModel(baseUrl: string, model: string): Promise<ChatModel> {
    const settings = readSettings();
    return new TrackedModel(
      new OpenAiCompatibleModel({ baseUrl, model, apiKey: await this.apiKeys.get(baseUrl), timeoutMs: settings.model.requestTimeoutMs, maxRetries: settings.model.maxRetries }),
      this.status,
    );
  }

  private discoverLocal(): Promise<LocalServerInfo | undefined> {
    this.localServer ??= discoverLocalServer({ timeoutMs: 1500 }).catch(() => undefined);
    return this.localServer;
  }

  /**
   * The model for a skill run. `requestModel` is the chat request's model: used when it is one of
   * ours (our provider's endpoint model) or when the backend is vscode-lm (or auto without an endpoint).
   */
  async resolve(requestModel?: vscode.LanguageModelChat): Promise<ChatModel> {
    const settings = readSettings();
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
      if (err instanceof AtomicError) this.status.reportFailure(undefined, err.message);
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
