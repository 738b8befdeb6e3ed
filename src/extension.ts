import * as vscode from 'vscode';
import { modelVendor } from './core/manifest';
import { ApiKeyStore } from './vscode/apiKeyStore';
import { registerCommands } from './vscode/commands';
import { registerFindingActions } from './vscode/findingActions';
import { EndpointModelProvider } from './vscode/lmProvider';
import { log } from './vscode/log';
import { ModelService } from './vscode/modelService';
import { registerParticipant } from './vscode/participant';
import { createPresenters } from './vscode/presenters';
import { ReviewComments } from './vscode/reviewComments';
import { onSettingsChanged } from './vscode/settings';
import { ModelStatusBar } from './vscode/statusBar';
import { registerTools } from './vscode/tools';

export interface AtomicSkillsApi {
  /** For tests: the review comment threads currently shown. */
  reviewThreads(): ReadonlyArray<{ uri: string; line: number; body: string }>;
}

export function activate(context: vscode.ExtensionContext): AtomicSkillsApi {
  const apiKeys = new ApiKeyStore(context.secrets);
  const status = new ModelStatusBar();
  const models = new ModelService(apiKeys, status);
  const comments = new ReviewComments();
  const presenters = createPresenters({ comments });
  const provider = new EndpointModelProvider(models);
  const refresh = () => {
    models.refreshStatus();
    provider.refresh();
  };
  context.subscriptions.push(
    log,
    apiKeys,
    status,
    comments,
    provider,
    vscode.lm.registerLanguageModelChatProvider(modelVendor, provider),
    ...registerCommands({ models, presenters, apiKeys }),
    ...registerTools({ models, presenters }),
    ...registerFindingActions(comments),
    registerParticipant({ models, presenters }, context.extensionUri),
    onSettingsChanged(refresh),
    apiKeys.onDidChange(refresh),
  );
  return {
    reviewThreads: () =>
      comments.current.map((t) => ({
        uri: t.uri.toString(),
        line: t.range ? t.range.start.line + 1 : 0,
        body: t.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value)).join('\n'),
      })),
  };
}

export function deactivate(): void {}
