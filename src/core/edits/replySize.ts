import { AtomicError } from '../errors';
import { formatBytes } from '../textBytes';

/**
 * The most an edit reply (text, or the arguments of its edit tool calls) may hold: 8 MiB. Target
 * files are at most the index's size limit (1 MiB by default), so a real edit of several of them
 * fits many times over; a hostile or runaway reply beyond it is refused before it is parsed,
 * applied, diffed or recorded.
 */
export const maxEditReplyBytes = 8 * 1024 * 1024;

/** Throws AtomicError 'modelReplyMalformed' when `bytes` is past {@link maxEditReplyBytes}. */
export function checkReplySize(bytes: number, what: string): void {
  if (bytes <= maxEditReplyBytes) return;
  const limit = formatBytes(maxEditReplyBytes);
  const size = formatBytes(bytes) === limit ? `${bytes} bytes` : formatBytes(bytes);
  throw new AtomicError(
    'modelReplyMalformed',
    `${what} is ${size}, over the ${formatBytes(maxEditReplyBytes)} an edit reply may hold; nothing was applied. Ask for a smaller change, one file at a time.`,
  );
}
