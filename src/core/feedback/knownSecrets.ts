/**
 * The secrets this process holds (API keys, collection tokens, a base URL's password), remembered where they are
 * read, so that any text leaving the process loses them however it quotes them: a server echoing the Authorization
 * header in a 401, a URL in a message, a log line. The shape-based rules of redactText.ts cannot know a key of an
 * unusual shape; this knows the exact value.
 *
 * Values shorter than {@link minKnownSecretLength} are not remembered. Local servers take placeholder keys (`EMPTY`,
 * `none`, `ollama`, `x`) that are ordinary words: replacing every "none" in a message would garble it and protect
 * nothing. A real credential is much longer (provider keys are 32+ characters), and one of under 8 characters is
 * guessable whether or not a message shows it.
 */

export const minKnownSecretLength = 8;

export type KnownSecretKind = 'api-key' | 'password' | 'token';

/** Every form of every secret, mapped to its kind; looked up longest first so a form never leaves part of a longer one. */
const forms = new Map<string, KnownSecretKind>();
let longestFirst: string[] = [];

/** The ways a value is written in text that reaches us: as is, URL-encoded (a query, a form), escaped in JSON. */
function formsOf(value: string): string[] {
  const out = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  try {
    out.add(decodeURIComponent(value));
  } catch {
    // not URL-encoded text
  }
  return [...out].filter((f) => f.length >= minKnownSecretLength);
}

/** Remembers a secret (trimmed) for the rest of the process; short or empty values are ignored (see above). */
export function rememberSecret(value: string | undefined, kind: KnownSecretKind = 'api-key'): void {
  const secret = value?.trim();
  if (!secret || secret.length < minKnownSecretLength) return;
  let added = false;
  for (const form of formsOf(secret)) {
    if (forms.has(form)) continue;
    forms.set(form, kind);
    added = true;
  }
  if (added) longestFirst = [...forms.keys()].sort((a, b) => b.length - a.length);
}

/** Replaces every remembered secret in `text` by `[REDACTED:<kind>]`. */
export function redactKnownSecrets(text: string): string {
  let out = text;
  for (const form of longestFirst) {
    if (out.includes(form)) out = out.split(form).join(`[REDACTED:${forms.get(form)}]`);
  }
  return out;
}

/** For tests: forget every remembered secret. */
export function forgetKnownSecrets(): void {
  forms.clear();
  longestFirst = [];
}
