/**
 * Redaction of whole feedback events, and the privacy level applied before anything is written.
 * Text rules live in redactText.ts; this walks every string of an event (object keys included).
 */
import type { ChatMessage } from '../model/types';
import type { FeedbackEvent, FeedbackLevel, Label, LabelEvent, RecordEvent } from './feedbackTypes';
import { isEnvFileName, isSecretName, redactSecrets, redactedMark } from './redactText';

export { isEnvFileName, isSecretName, redactSecrets } from './redactText';

/**
 * A deep copy of `value` with secrets redacted in every string and every object key. A string held under a
 * secret-looking key (`{"apiKey": "…"}`, tool-call arguments included) is replaced as a whole. Strings that are
 * .env file contents (a sibling string names a .env file, e.g. `{path: ".env", content: "…"}`) lose every value.
 */
export function redactValue<T>(value: T): T {
  return walk(value, false) as T;
}

function walk(value: unknown, envFile: boolean): unknown {
  if (typeof value === 'string') return redactSecrets(value, { envFile });
  if (Array.isArray(value)) return value.map((v) => walk(v, envFile));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const namesEnvFile = entries.some(([, v]) => typeof v === 'string' && v.length < 300 && !v.includes('\n') && isEnvFileName(v));
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) {
    const safeKey = redactSecrets(key);
    if (typeof v === 'string' && v !== '' && isSecretName(key) && !v.startsWith('[REDACTED')) out[safeKey] = redactedMark('secret');
    else if (typeof v === 'string' && namesEnvFile && !isEnvFileName(v)) out[safeKey] = redactSecrets(v, { envFile: true });
    else out[safeKey] = walk(v, envFile);
  }
  return out;
}

/** Ids of tool calls whose arguments name a .env file: their results are .env contents. */
function envToolCallIds(messages: ChatMessage[]): Set<string> {
  const ids = new Set<string>();
  for (const m of messages) {
    if (m.role !== 'assistant') continue;
    for (const call of m.toolCalls ?? []) {
      if (Object.values(call.arguments).some((a) => typeof a === 'string' && isEnvFileName(a))) ids.add(call.id);
    }
  }
  return ids;
}

/** A copy of the event with every secret redacted (idempotent). */
export function redactEvent<E extends FeedbackEvent>(event: E): E {
  if (event.type !== 'record' || !event.messages) return redactValue(event);
  const envIds = envToolCallIds(event.messages);
  const { messages, ...rest } = event;
  const redacted = redactValue(rest) as Omit<RecordEvent, 'messages'>;
  const safeMessages = messages.map((m): ChatMessage =>
    m.role === 'tool' && envIds.has(m.toolCallId)
      ? { ...redactValue({ ...m, content: '' }), content: redactSecrets(m.content, { envFile: true }) }
      : redactValue(m),
  );
  return { ...redacted, messages: safeMessages } as E;
}

/** A label without free text (what noCode keeps): kinds, verdicts and numbers. */
function labelWithoutText(label: Label): Label {
  switch (label.kind) {
    case 'accepted':
    case 'rejected':
    case 'notTaken':
      return { kind: label.kind };
    case 'check': {
      const detail = label.detail && Object.fromEntries(Object.entries(label.detail).filter(([, v]) => typeof v !== 'string'));
      const out: Label = { kind: 'check', name: label.name, passed: label.passed };
      if (label.value !== undefined) out.value = label.value;
      if (detail && Object.keys(detail).length > 0) out.detail = detail;
      return out;
    }
    default:
      return label;
  }
}

/**
 * The event as the level allows: `off` → undefined (write nothing); `all` → unchanged (the record's `level` set);
 * `noCode` → records keep only ids, time, session, skill, step, surface, model, file hashes (no paths), metrics and
 * previousAttemptId; labels lose their free text (accepted/rejected targets, string details of checks).
 */
export function applyLevel<E extends FeedbackEvent>(event: E, level: FeedbackLevel): E | undefined {
  if (level === 'off') return undefined;
  if (event.type === 'label') return (level === 'all' ? event : ({ ...event, label: labelWithoutText(event.label) } satisfies LabelEvent)) as E;
  if (level === 'all') return { ...event, level } as E;
  const r = event as RecordEvent;
  const kept: RecordEvent = { v: r.v, type: 'record', id: r.id, time: r.time, session: r.session, skill: r.skill, surface: r.surface, model: r.model, level };
  if (r.step) kept.step = r.step;
  if (r.files) kept.files = r.files.map((f) => ({ sha256: f.sha256 }));
  if (r.metrics) kept.metrics = r.metrics;
  if (r.previousAttemptId) kept.previousAttemptId = r.previousAttemptId;
  return kept as E;
}
