import type { MutationJournal } from '../core/mutate/mutationJournal';
import type { ApiKeyStore } from './apiKeyStore';
import type { CommandConsentStore } from './run/commandRunner';
import type { CodeIndexService } from './codeIndexService';
import type { FeedbackService } from './feedback/feedbackService';
import type { ModelService } from './modelService';
import type { Presenters } from './presenters';

/** What the surfaces share; built once in activate(). */
export interface Services {
  models: ModelService;
  presenters: Presenters;
  apiKeys: ApiKeyStore;
  feedback: FeedbackService;
  codeIndex: CodeIndexService;
  /** The extension's dist/: tree-sitter.wasm, grammars and queries (the edit skill's parse guard, mutants). */
  grammarAssetDirs: readonly string[];
  /** Commands the user allowed for good in this workspace. */
  consent: CommandConsentStore;
  /** Mutants and temporary files in flight; repaired on activation after a crash. */
  journal: MutationJournal;
}
