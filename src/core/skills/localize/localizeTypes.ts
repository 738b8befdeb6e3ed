import type { ModelIdentity, TokenUsage } from '../../model/types';

export interface LocalizeInput {
  /** The task or issue text. */
  task: string;
  /** Workspace-relative file the user has open (a hint). */
  activeFile?: string;
  /** How many ranked files to return (default 10). */
  top?: number;
  /** Skip the model: the retrieval ranking, the top file committed. */
  retrievalOnly?: boolean;
}

export interface LocalizedSymbol {
  name: string;
  kind: string;
  startLine: number;
  endLine: number;
}

export interface LocalizedFile {
  /** Workspace-relative, `/` separators. */
  path: string;
  /** 0..1, descending. */
  score: number;
  reason: string;
  symbols: LocalizedSymbol[];
}

export interface LocalizationResult {
  files: LocalizedFile[];
  /** The files the model commits to as the ones to change. */
  committed: string[];
  /** Paths the model named that do not exist (or are not indexed), with why they were dropped. */
  dropped: Array<{ path: string; reason: string }>;
  retrievalOnly: boolean;
  model?: ModelIdentity;
  usage: TokenUsage;
  toolCalls: number;
  repaired: boolean;
  stats: { indexedFiles: number; candidates: number; retrievalMilliseconds: number; milliseconds: number };
}
