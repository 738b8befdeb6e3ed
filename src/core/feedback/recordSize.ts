/**
 * Size caps of stored feedback events. A model reply is hostile input: a 50 MB reply once made a
 * 157 MB record (it appears in the completion and again in later turns' messages) and a 157 MB
 * export row. So every string of an event is cut to {@link maxFieldBytes} with a visible marker,
 * and the whole event to {@link maxRecordBytes} of JSON by cutting its longest strings further.
 * The result is still a valid event (same shape, strings shorter), so exports inherit the caps.
 * Applied after redaction: cutting first could split a secret so its rule no longer sees it.
 */
import { formatBytes } from '../textBytes';
import type { FeedbackEvent } from './feedbackTypes';

/** The most UTF-8 bytes one string of a stored event keeps (marker included). */
export const maxFieldBytes = 1024 * 1024;
/** The most bytes one stored event takes as a JSON line. */
export const maxRecordBytes = 4 * 1024 * 1024;
/** Strings are never cut below this while fitting an event into maxRecordBytes. */
const minFieldBytes = 1024;

/** What replaces the cut part of a string. */
export function truncationMarker(removedBytes: number): string {
  return `…[truncated ${formatBytes(removedBytes)}]`;
}

/** `text` in at most `limit` UTF-8 bytes: unchanged when it fits, else a prefix and the marker. */
export function capText(text: string, limit: number): string {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most strings are decided without encoding them.
  if (text.length * 3 <= limit) return text;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limit) return text;
  // The marker's own length depends on the number it shows; a generous reserve covers any.
  const keep = Math.max(0, limit - Buffer.byteLength(truncationMarker(bytes), 'utf8') - 8);
  const head = Buffer.from(text.slice(0, keep), 'utf8');
  let end = Math.min(keep, head.length);
  while (end > 0 && (head[end] & 0xc0) === 0x80) end--; // never split a UTF-8 sequence
  const kept = head.subarray(0, end).toString('utf8');
  return kept + truncationMarker(bytes - end);
}

function capStrings(value: unknown, limit: number): unknown {
  if (typeof value === 'string') return capText(value, limit);
  if (Array.isArray(value)) return value.map((v) => capStrings(v, limit));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[capText(key, limit)] = capStrings(v, limit);
  return out;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * The event within the caps: every string at most maxFieldBytes, the JSON line at most
 * maxRecordBytes (longer strings cut further, in proportion). Should even that not fit (a
 * transcript of very many short messages), a record keeps its metadata, its completion (cut) and
 * one system message saying what was dropped. An event within the caps is returned as it is.
 */
export function capEventSize<E extends FeedbackEvent>(event: E): E {
  let limit = maxFieldBytes;
  let capped = capStrings(event, limit) as E;
  let size = jsonBytes(capped);
  while (size > maxRecordBytes && limit > minFieldBytes) {
    limit = Math.max(minFieldBytes, Math.floor((limit * maxRecordBytes) / size) - 64);
    capped = capStrings(event, limit) as E;
    size = jsonBytes(capped);
  }
  if (size <= maxRecordBytes || capped.type !== 'record') return capped;
  const { tools: _tools, messages, ...rest } = capped;
  const note = `…[truncated: the ${messages?.length ?? 0} messages and the tools took ${formatBytes(size)}, over the ${formatBytes(maxRecordBytes)} a record may hold]`;
  const slim = { ...rest, messages: [{ role: 'system', content: note }] } as unknown as E & { completion?: { text: string } };
  // Very many tool calls in the completion: only its text is kept.
  if (slim.completion && jsonBytes(slim) > maxRecordBytes) slim.completion = { text: slim.completion.text };
  return slim;
}
