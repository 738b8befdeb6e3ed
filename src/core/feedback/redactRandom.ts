/**
 * Secrets known by their shape rather than their name: a long random-looking value assigned to ANY name
 * (`aws_sk = "wJalr…"`, `x: 9fQ…`), and AWS secret access keys (40 characters of base64) on a line that
 * speaks of AWS. "Random-looking" is measured, not guessed from the name: see {@link looksRandom}.
 */

const keyAlphabet = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Shannon entropy of `value`, in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * The share of `value` in word-like pieces (`Json`, `schema`, `Type`: a capital or not, then 2+ lowercase letters,
 * with a vowel): high for identifiers, paths and words, low for random keys.
 */
function wordShare(value: string): number {
  let inWords = 0;
  for (const piece of value.match(/[A-Z]?[a-z]{2,}/g) ?? []) if (/[aeiouy]/i.test(piece) && piece.length >= 3) inWords += piece.length;
  return inWords / value.length;
}

/** True when most of `value` is word-like pieces: an identifier or a path, not a key. */
export function readsAsWords(value: string): boolean {
  return wordShare(/[a-z]/.test(value) ? value : value.toLowerCase()) >= 0.5;
}

/**
 * True for a value that reads as a generated key: 20+ characters of a key alphabet (base64/base62/url-safe),
 * letters with digits or mixed case, high entropy, and few word-like runs. False for hex digests, git hashes,
 * UUIDs and integrity hashes (`sha512-…`), which are everywhere in code and are not secrets; and for
 * identifiers (`createRequestHandlerForUser1234`), paths and words.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 20 || value.length > 1024 || !keyAlphabet.test(value)) return false;
  if (/^[0-9a-f-]+$/i.test(value) || /^sha\d+-/i.test(value)) return false;
  const digits = value.match(/\d/g)?.length ?? 0;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[+/]/].filter((c) => c.test(value)).length;
  if (!/[A-Za-z]/.test(value) || (classes < 3 && digits < 2)) return false;
  const body = value.replace(/=+$/, '');
  // A random string of n characters from 36+ symbols has entropy close to log2(n); words and names fall well short.
  if (entropy(body) < Math.min(4.2, Math.log2(body.length) - 0.7)) return false;
  // SCREAMING_CASE constants (`COLOR_ATTACHMENT10_WEBGL`) are read as their words. The AWS secret key shape
  // with digits or a `+` (paths of words have neither) is given more room: random text has word-like pieces too.
  const words = wordShare(/[a-z]/.test(body) ? body : body.toLowerCase());
  const awsKey = isAwsSecretShape(value) && classes >= 3 && (digits >= 2 || value.includes('+'));
  return words < (awsKey ? 0.7 : 0.5);
}

/** 40 characters of base64: the shape of an AWS secret access key. */
export function isAwsSecretShape(value: string): boolean {
  return value.length === 40 && /^[A-Za-z0-9+/]+$/.test(value);
}

/**
 * A value right after an assignment operator (`=`, `:=`, `:`), quoted or not, and the way it ends: the closing
 * quote, or a character that ends a bare value.
 */
const assignedValue = /([=:])([ \t]*)(\\?["'`]?)([A-Za-z0-9+/_-]{20,}={0,2})(?=\\?["'`]|[\s,;)}\]&#]|$)/g;

/** An AWS secret access key: 40 base64 characters, standing alone. */
const awsSecretShape = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

export function redactRandomValues(text: string, mark: (kind: string) => string): string {
  let out = text.replace(assignedValue, (whole, op: string, gap: string, quote: string, value: string, offset: number, all: string) => {
    if (!looksRandom(value)) return whole;
    // `==` compares, `=>` and `::` are not assignments; a value cut by a longer token (`a=b.c`) is a path, not a key.
    if (op === '=' && all[offset - 1] === '=') return whole;
    if (quote && !all.startsWith(quote, offset + whole.length)) return whole;
    return `${op}${gap}${quote}${mark(isAwsSecretShape(value) ? 'aws-secret' : 'high-entropy')}`;
  });
  if (/aws|A[KS]IA/i.test(out)) {
    out = out
      .split('\n')
      .map((line) => (/aws|A[KS]IA/i.test(line) ? line.replace(awsSecretShape, (v) => (looksRandom(v) ? mark('aws-secret') : v)) : line))
      .join('\n');
  }
  return out;
}
