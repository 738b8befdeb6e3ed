/**
 * Builds feedback events: a `record` when a skill result is shown, a `label` when the user (or a check) judges it.
 * Every event comes out redacted, cut to the user's level and within the size caps (recordSize.ts); at level `off`
 * nothing is built.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ChatMessage, ModelIdentity, ToolCall, ToolSpec } from '../model/types';
import type { Surface } from '../surface';
import { feedbackSchemaVersion, type FeedbackLevel, type Label, type LabelEvent, type RecordEvent } from './feedbackTypes';
import { applyLevel, redactEvent } from './redact';
import { capEventSize } from './recordSize';

export interface RecordInput {
  skill: string;
  surface: Surface;
  model: ModelIdentity;
  /** The whole transcript, including the final assistant message. */
  messages: ChatMessage[];
  /** The tools offered with the messages. */
  tools?: ToolSpec[];
  /** Workspace files involved; only their sha256 is kept (and the path, at level `all`). */
  files?: Array<{ path: string; content: string | Uint8Array }>;
  metrics?: Record<string, number>;
  previousAttemptId?: string;
  step?: RecordEvent['step'];
}

export interface EventContext {
  /** One VS Code window or CLI process: see {@link newSessionId}. */
  session: string;
  level: FeedbackLevel;
  /** The clock (tests). */
  now?: () => Date;
}

/** A fresh session id for one window or process. */
export function newSessionId(): string {
  return randomUUID();
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Splits a transcript into what was sent and the completion received: the LAST assistant message is the completion
 * (text and tool calls); the messages before it were sent. Messages after it (a tool result nobody answered) are not
 * part of that exchange and are dropped. Without an assistant message there is no completion.
 */
export function splitTranscript(transcript: ChatMessage[]): { messages: ChatMessage[]; completion?: { text: string; toolCalls?: ToolCall[] } } {
  for (let i = transcript.length - 1; i >= 0; i--) {
    const m = transcript[i];
    if (m.role !== 'assistant') continue;
    const completion: { text: string; toolCalls?: ToolCall[] } = { text: m.content };
    if (m.toolCalls && m.toolCalls.length > 0) completion.toolCalls = m.toolCalls;
    return { messages: transcript.slice(0, i), completion };
  }
  return { messages: transcript.slice() };
}

/** A record event for a shown result, redacted and cut to the level; undefined at level `off`. */
export function newRecordEvent(input: RecordInput, context: EventContext): RecordEvent | undefined {
  if (context.level === 'off') return undefined;
  const { messages, completion } = splitTranscript(input.messages);
  const event: RecordEvent = {
    v: feedbackSchemaVersion,
    type: 'record',
    id: randomUUID(),
    time: (context.now?.() ?? new Date()).toISOString(),
    session: context.session,
    skill: input.skill,
    surface: input.surface,
    model: { ...input.model },
    level: context.level,
    messages,
  };
  if (input.tools && input.tools.length > 0) event.tools = input.tools;
  if (completion) event.completion = completion;
  if (input.step) event.step = input.step;
  if (input.files) event.files = input.files.map((f) => ({ path: f.path, sha256: sha256(f.content) }));
  if (input.metrics) event.metrics = { ...input.metrics };
  if (input.previousAttemptId) event.previousAttemptId = input.previousAttemptId;
  const kept = applyLevel(redactEvent(event), context.level);
  return kept && capEventSize(kept);
}

/**
 * A label event for a record, redacted and cut to the level; undefined at level `off`.
 * A bare session string means level `all` (the label keeps its target).
 */
export function newLabelEvent(recordId: string, label: Label, sessionOrContext: string | EventContext): LabelEvent | undefined {
  const context: EventContext = typeof sessionOrContext === 'string' ? { session: sessionOrContext, level: 'all' } : sessionOrContext;
  if (context.level === 'off') return undefined;
  const event: LabelEvent = {
    v: feedbackSchemaVersion,
    type: 'label',
    id: randomUUID(),
    time: (context.now?.() ?? new Date()).toISOString(),
    session: context.session,
    recordId,
    label,
  };
  const kept = applyLevel(redactEvent(event), context.level);
  return kept && capEventSize(kept);
}
