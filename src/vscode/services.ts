import type { ApiKeyStore } from './apiKeyStore';
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
  /** The extension's dist/: tree-sitter.wasm, grammars and queries (the edit skill's parse guard). */
  grammarAssetDirs: readonly string[];
}
