import * as vscode from 'vscode';
import { AtomicError, errorMessage } from '../core/errors';
import type { ChatModel, ChatRequest, ChatResponse, ModelIdentity, ToolCall } from '../core/model/types';
import { toVsCodeMessages } from './lmMessages';

function mapError(err: unknown, model: vscode.LanguageModelChat): AtomicError {
  if (err instanceof AtomicError) return err;
  if (err instanceof vscode.CancellationError) return new AtomicError('cancelled', 'Cancelled.');
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions.name) {
      // Not an API key problem: the user declined (or has not yet granted) this extension's use of the model.
      return new AtomicError('configuration', `Atomic Skills may not use ${model.name} (${err.message}). Allow it when VS Code asks (Accounts menu → Manage Language Model Access), or choose another model.`);
    }
    if (err.code === vscode.LanguageModelError.NotFound.name) return new AtomicError('noModel', `${model.name} is no longer available.`);
  }
  return new AtomicError('endpointError', `${model.name} failed: ${errorMessage(err)}`, undefined, { cause: err });
}

/** A chat model offered through `vscode.lm` (e.g. Copilot's), behind the core's model port. */
export class VsCodeLmModel implements ChatModel {
  readonly identity: ModelIdentity;

  constructor(private readonly model: vscode.LanguageModelChat) {
    this.identity = { backend: 'vscode-lm', model: model.id, endpoint: model.vendor };
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const source = new vscode.CancellationTokenSource();
    const abort = () => source.cancel();
    request.signal.addEventListener('abort', abort);
    try {
      if (request.signal.aborted) throw new AtomicError('cancelled', 'Cancelled.');
      const response = await this.model.sendRequest(
        toVsCodeMessages(request.messages),
        {
          tools: request.tools?.map((t) => ({ name: t.name, description: t.description, inputSchema: t.parameters })),
          toolMode: request.toolMode === 'required' ? vscode.LanguageModelChatToolMode.Required : vscode.LanguageModelChatToolMode.Auto,
        },
        source.token,
      );
      let text = '';
      const toolCalls: ToolCall[] = [];
      for await (const part of response.stream) {
        if (part instanceof vscode.LanguageModelTextPart) {
          text += part.value;
          request.onPart?.({ type: 'text', text: part.value });
        } else if (part instanceof vscode.LanguageModelToolCallPart) {
          const call = { id: part.callId, name: part.name, arguments: (part.input ?? {}) as Record<string, unknown> };
          toolCalls.push(call);
          request.onPart?.({ type: 'toolCall', call });
        }
      }
      if (request.signal.aborted) throw new AtomicError('cancelled', 'Cancelled.');
      return { text, toolCalls, finishReason: toolCalls.length ? 'tool_calls' : 'stop' };
    } catch (err) {
      throw request.signal.aborted ? new AtomicError('cancelled', 'Cancelled.') : mapError(err, this.model);
    } finally {
      request.signal.removeEventListener('abort', abort);
      source.dispose();
    }
  }
}
