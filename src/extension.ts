import * as vscode from 'vscode';
import { modelVendor } from './core/manifest';
import type { LocalizationResult } from './core/skills/localize/localizeTypes';
import { ApiKeyStore } from './vscode/apiKeyStore';
import * as path from 'node:path';
import { CodeIndexService } from './vscode/codeIndexService';
import { registerCommands } from './vscode/commands';
import { LocalizationView } from './vscode/localizationView';
import { registerFeedbackCommands } from './vscode/feedback/feedbackCommands';
import { FeedbackService } from './vscode/feedback/feedbackService';
import { SurvivalTracker } from './vscode/feedback/survivalTracker';
import { MutationJournal } from './core/mutate/mutationJournal';
import { CommandConsentStore } from './vscode/run/commandRunner';
import { recoverJournal } from './vscode/run/journalRecovery';
import { registerEditCommands } from './vscode/edits/editCommands';
import { EditDecisions } from './vscode/edits/editDecisions';
import { EditProposals } from './vscode/edits/editProposals';
import { registerFindingActions } from './vscode/findingActions';
import { EndpointModelProvider } from './vscode/lmProvider';
import { log } from './vscode/log';
import { registerMcpProvider } from './vscode/mcpProvider';
import { ModelService } from './vscode/modelService';
import { registerParticipant } from './vscode/participant';
import { createPresenters } from './vscode/presenters';
import { registerRunWorkflow } from './vscode/runWorkflowCommand';
import { ReviewComments } from './vscode/reviewComments';
import type { Services } from './vscode/services';
import { onSettingsChanged } from './vscode/settings';
import { ModelStatusBar } from './vscode/statusBar';
import { registerTools } from './vscode/tools';

export interface AtomicSkillsApi {
  /** For tests: the review comment threads currently shown. */
  reviewThreads(): ReadonlyArray<{ uri: string; line: number; body: string }>;
  /** For tests: the comment thread objects, to run their thread actions. */
  reviewThreadObjects(): readonly vscode.CommentThread[];
  /** For tests: where preference data is stored. */
  feedbackFolder(): string;
  /** For tests: the localization shown in the tree view. */
  localization(): LocalizationResult | undefined;
  /** For tests: the proposed edits and the state of each file. */
  editProposals(): ReadonlyArray<{ id: string; files: ReadonlyArray<{ path: string; state: string }> }>;
}

export function activate(context: vscode.ExtensionContext): AtomicSkillsApi {
  const apiKeys = new ApiKeyStore(context.secrets);
  const status = new ModelStatusBar();
  const models = new ModelService(apiKeys, status);
  const comments = new ReviewComments();
  const feedback = new FeedbackService(context);
  const survival = new SurvivalTracker(feedback.recorder);
  const localization = new LocalizationView();
  const codeIndex = new CodeIndexService(context.extensionPath, path.join(context.globalStorageUri.fsPath, 'index'));
  const grammarAssetDirs = [path.join(context.extensionPath, 'dist')];
  const journal = new MutationJournal(path.join(context.globalStorageUri.fsPath, 'mutations'));
  void recoverJournal(journal);
  const proposals = new EditProposals();
  const decisions = new EditDecisions(proposals, feedback.recorder, survival);
  const services: Services = {
    models,
    apiKeys,
    feedback,
    codeIndex,
    grammarAssetDirs,
    consent: new CommandConsentStore(context.workspaceState),
    journal,
    presenters: createPresenters({ comments, localization, proposals, decisions, grammarAssetDirs }),
  };
  const provider = new EndpointModelProvider(models);
  const drain = setTimeout(() => feedback.drainQueuedEvents(), 20_000);
  context.subscriptions.push(
    log,
    apiKeys,
    status,
    comments,
    localization,
    proposals,
    codeIndex,
    feedback,
    survival,
    provider,
    { dispose: () => clearTimeout(drain) },
    vscode.lm.registerLanguageModelChatProvider(modelVendor, provider),
    ...registerCommands(services),
    ...registerTools(services),
    ...registerParticipant(services, context.extensionUri),
    ...registerFindingActions(comments, feedback.recorder, survival),
    ...registerEditCommands(proposals, decisions),
    registerRunWorkflow(services, proposals, decisions),
    ...registerFeedbackCommands(feedback),
    ...registerMcpProvider(context, apiKeys, feedback),
    onSettingsChanged(() => {
      models.refreshStatus();
      provider.refresh();
      feedback.restartCollection();
    }),
    apiKeys.onDidChange(() => {
      models.refreshStatus();
      provider.refresh();
    }),
  );
  // VS Code asks a provider for its models only after it signals a change; without this the
  // chat's model picker never shows the endpoint's models (no Copilot: no model at all).
  provider.refresh();
  return {
    reviewThreads: () =>
      comments.current.map((t) => ({
        uri: t.uri.toString(),
        line: t.range ? t.range.start.line + 1 : 0,
        body: t.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value)).join('\n'),
      })),
    reviewThreadObjects: () => comments.current,
    feedbackFolder: () => feedback.folder,
    localization: () => localization.current,
    editProposals: () => proposals.all().map((p) => ({ id: p.id, files: p.files.map((f) => ({ path: f.path, state: f.state })) })),
  };
}

export function deactivate(): void {}
