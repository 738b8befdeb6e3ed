import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import { setupModelId } from '../core/manifest';
import type { ToolSpec } from '../core/model/types';
import { fromVsCodeMessages } from './lmMessages';
import { log } from './log';
import type { ModelService } from './modelService';
import { readSettings } from './settings';
import { toAbortSignal } from './cancellation';

interface EndpointModelInfo extends vscode.LanguageModelChatInformation {
  baseUrl: string;
}

/**
 * Listed when no endpoint model is: without any model VS Code answers "Language model unavailable"
 * itself and never asks @atomic, which can say what was tried and how to connect one.
 */
const setupEntry: EndpointModelInfo = {
  id: setupModelId,
  name: 'No model connected (Atomic Skills)',
  family: setupModelId,
  version: '1',
  detail: 'Atomic Skills: set up a model',
  tooltip: 'No model endpoint answered. Ask @atomic anything to see what was tried, or run "Atomic Skills: Configure Model".',
  maxInputTokens: 128_000,
  maxOutputTokens: 16_384,
  // Chat's agent mode lists only models that take tools; this one is never really called.
  capabilities: { toolCalling: true },
  baseUrl: '',
};

/**
 * Contributes the configured endpoint's models to VS Code's chat, so `@atomic` (and any other
 * participant) works without a Copilot sign-in; streaming and tool calls pass straight through.
 */
export class EndpointModelProvider implements vscode.LanguageModelChatProvider<EndpointModelInfo> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly models: ModelService) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(): Promise<EndpointModelInfo[]> {
    let where = 'the configured endpoint';
    try {
      const endpoint = await this.models.providerEndpoint(readSettings());
      if (!endpoint) return [setupEntry];
      const { baseUrl } = endpoint;
      where = baseUrl;
      const ids = endpoint.models ?? (await this.models.listEndpointModels(baseUrl));
      if (!ids.length) return [setupEntry];
      return ids.map((id) => ({
        id,
        name: id,
        family: id,
        version: '1',
        detail: 'Atomic Skills',
        tooltip: `${id} at ${baseUrl}`,
        maxInputTokens: 128_000,
        maxOutputTokens: 16_384,
        capabilities: { toolCalling: true },
        baseUrl,
      }));
    } catch (err) {
      log.warn(`Could not list the models of ${where}: ${errorMessage(err)}`);
      this.models.reportUnavailable(`Could not list the models of ${where}: ${errorMessage(err)}`);
      return [setupEntry];
    }
  }

  async provideLanguageModelChatResponse(
    info: EndpointModelInfo,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (info.id === setupModelId) {
      throw new Error('No model is connected to Atomic Skills. Run "Atomic Skills: Configure Model" to set an endpoint, or start a local server (Ollama, LM Studio, vLLM, llama.cpp).');
    }
    const model = await this.models.endpointModel(info.baseUrl, info.id);
    const tools: ToolSpec[] | undefined = options.tools?.map((t) => ({
      name: t.name,
      description: t.description,
      parameters: (t.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
    }));
    const abort = toAbortSignal(token);
    try {
      await model.chat({
        messages: fromVsCodeMessages(messages),
        tools: tools?.length ? tools : undefined,
        toolMode: options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto',
        signal: abort.signal,
        onPart: (part) =>
          progress.report(
            part.type === 'text' ? new vscode.LanguageModelTextPart(part.text) : new vscode.LanguageModelToolCallPart(part.call.id, part.call.name, part.call.arguments),
          ),
      });
    } finally {
      abort.dispose();
    }
  }

  async provideTokenCount(_model: EndpointModelInfo, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    const chars = typeof text === 'string' ? text.length : JSON.stringify(text.content).length;
    return Math.ceil(chars / 4);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
