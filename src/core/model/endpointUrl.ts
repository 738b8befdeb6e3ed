import { AtomicError } from '../errors';
import { rememberSecret } from '../feedback/knownSecrets';

/** What comes before the `@` of a URL's host, with or without the scheme (`user:password@host:8000/v1`). */
const userinfo = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)?([^/?#\s]*)@/i;

/** The URL as it may be shown: a user name or password in it is masked. */
export function displayUrl(value: string): string {
  return value.replace(userinfo, (_w, scheme: string | undefined) => `${scheme ?? ''}[REDACTED:userinfo]@`);
}

/**
 * A base URL with a user name or password is refused, not used: the credential belongs in the API key, which is
 * kept as a secret and sent only to its origin, while a URL is shown in messages, settings and logs. Its parts are
 * remembered as secrets so that no message prints them, whatever quotes the URL.
 */
function refuseCredentials(value: string): void {
  const found = userinfo.exec(value);
  if (!found) return;
  const colon = found[2].indexOf(':');
  for (const part of colon < 0 ? [found[2]] : [found[2], found[2].slice(0, colon), found[2].slice(colon + 1)]) rememberSecret(part, 'password');
  throw new AtomicError(
    'configuration',
    `atomicSkills.model.baseUrl "${displayUrl(value)}" has a user name or password in it, which is not used. Put the credential in the API key instead: run "Atomic Skills: Set API Key" and remove it from the URL.`,
  );
}

/**
 * The configured base URL, checked: an http(s) URL without credentials, else a configuration error that says how
 * to write it (a missing scheme is the usual slip: `127.0.0.1:8000/v1`).
 */
export function checkedBaseUrl(value: string): string {
  refuseCredentials(value);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.host) return value;
  const hint = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? 'Use an http:// or https:// URL' : `Add the scheme, e.g. http://${value}`;
  throw new AtomicError('configuration', `atomicSkills.model.baseUrl "${value}" is not an http(s) URL. ${hint}.`);
}

/** The origin an API key is stored for: scheme, host and port of the base URL. */
export function endpointOrigin(baseUrl: string): string {
  return new URL(checkedBaseUrl(baseUrl)).origin;
}

/**
 * API keys per endpoint origin, as stored in one secret. A key is only ever sent to the origin it
 * was entered for, so a workspace that points the base URL elsewhere cannot collect it. A value
 * from before keys were bound (a bare string) counts as bound to `legacyOrigin`, if any.
 */
export function parseStoredKeys(raw: string | undefined, legacyOrigin?: string): Map<string, string> {
  if (!raw) return new Map();
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return new Map(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    }
  } catch {
    // a bare key, stored before keys were bound to an origin
  }
  return legacyOrigin ? new Map([[legacyOrigin, raw]]) : new Map();
}

export function serializeStoredKeys(keys: Map<string, string>): string {
  return JSON.stringify(Object.fromEntries(keys));
}
