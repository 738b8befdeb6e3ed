/**
 * Text encodings the CLI keeps when it rewrites a file: UTF-8 (a BOM stays in the text as
 * '\uFEFF'), UTF-16 with a BOM, and — for bytes that are not valid UTF-8 — Latin-1, which maps
 * every byte to one character and back unchanged.
 */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes), encoding: 'utf16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), encoding: 'latin1' };
  }
}

/** The bytes of `text` in `encoding`; throws when a character has no byte in Latin-1. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf16be') return Buffer.from(text, 'utf16le').swap16();
  const bad = /[^\u0000-\u00ff]/.exec(text);
  if (bad) throw new Error(`the file is Latin-1 encoded and ${JSON.stringify(bad[0])} cannot be written in it`);
  return Buffer.from(text, 'latin1');
}
