import { AtomicError } from './errors';

/** How far into a file the binary test looks (git's rule: a NUL byte in the first 8 KiB). */
export const binarySniffBytes = 8192;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, binarySniffBytes).indexOf(0) >= 0;
}

/**
 * The text of a file's bytes, refused (AtomicError 'notText') when they are binary or not UTF-8:
 * a lossy decode would turn other encodings into U+FFFD and an edit would write that back.
 * A UTF-8 byte-order mark stays in the text as '\uFEFF', so the text encodes back to the same bytes.
 */
export function decodeUtf8Text(path: string, bytes: Uint8Array): string {
  if (looksBinary(bytes)) throw new AtomicError('notText', `${path} is a binary file (it holds NUL bytes); Atomic Skills reads text files only.`);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new AtomicError('notText', `${path} is not UTF-8 text; Atomic Skills edits UTF-8 files only.`);
  }
}

/** A byte count for people: `512 bytes`, `12.5 KiB`, `8 MiB`. */
export function formatBytes(n: number): string {
  const unit = (value: number, name: string) => `${Number.isInteger(value) ? value : value.toFixed(1)} ${name}`;
  if (n >= 1 << 20) return unit(Math.round((n / (1 << 20)) * 10) / 10, 'MiB');
  if (n >= 1 << 10) return unit(Math.round((n / (1 << 10)) * 10) / 10, 'KiB');
  return `${n} bytes`;
}
