/**
 * The preference-data schema (version 1). The store is a sequence of events, one JSON object per
 * line: a `record` when a skill result is shown, and `label` events that arrive later and
 * reference it. Readers fold labels into their records.
 */
import type { ChatMessage, ModelIdentity, ToolCall, ToolSpec } from '../model/types';
import type { Surface } from '../surface';

export const feedbackSchemaVersion = 1;

/** `off`: nothing is written. `noCode`: no code, messages or paths; skill, model, labels and metrics only. `all`: everything, secrets redacted. */
export type FeedbackLevel = 'off' | 'noCode' | 'all';

export interface RecordEvent {
  v: typeof feedbackSchemaVersion;
  type: 'record';
  /** Unique id of the record; labels reference it. */
  id: string;
  /** ISO 8601. */
  time: string;
  /** One VS Code window or CLI process. */
  session: string;
  skill: string;
  /** Set when the record is one step of a composite workflow. */
  step?: { workflow: string; runId: string; index: number };
  surface: Surface;
  model: ModelIdentity;
  level: Exclude<FeedbackLevel, 'off'>;
  /** The exact messages sent, up to (not including) the final completion. Absent at level noCode. */
  messages?: ChatMessage[];
  /** The tools offered to the model with those messages (part of the prompt). Absent at level noCode. */
  tools?: ToolSpec[];
  /** The final completion received. Absent at level noCode. */
  completion?: { text: string; toolCalls?: ToolCall[] };
  /** Content hashes of the workspace files involved (paths absent at level noCode). */
  files?: Array<{ path?: string; sha256: string }>;
  /** Numbers worth keeping at every level: token counts, findings, durations. */
  metrics?: Record<string, number>;
  /** The record this one regenerated: a later accepted try and an earlier one form a pair. */
  previousAttemptId?: string;
}

export type Label =
  | { kind: 'vote'; value: 'helpful' | 'unhelpful' }
  | { kind: 'accepted' | 'rejected'; /** What was accepted: a file, a finding (file:line), a test. */ target?: string }
  /** Proposed where there is no accept step (MCP) and never applied in the session: no verdict, neither accepted nor rejected. */
  | { kind: 'notTaken'; target?: string }
  | { kind: 'survival'; afterSeconds: number; /** Share (0..1) of the accepted text still present. */ share: number }
  | { kind: 'check'; name: string; passed: boolean; value?: number; detail?: Record<string, number | string | boolean> };

export interface LabelEvent {
  v: typeof feedbackSchemaVersion;
  type: 'label';
  id: string;
  time: string;
  session: string;
  recordId: string;
  label: Label;
}

export type FeedbackEvent = RecordEvent | LabelEvent;

/** A record with its labels folded in, oldest label first. */
export interface FeedbackRecord extends RecordEvent {
  labels: Array<Label & { time: string }>;
}
