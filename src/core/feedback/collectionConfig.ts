/**
 * The collection settings as a plain object (the VS Code adapter and the CLI read them), their
 * defaults, and the destinations they describe. Tokens come separately, from SecretStorage or the
 * environment. Nothing is configured by default, and then nothing is sent.
 *
 * These settings must be application-scoped: a workspace must not be able to send a user's feedback
 * (which can include code) to a URL of its choosing.
 */
import type { CollectionDestination, CollectorOptions } from './collectionTypes';
import { HttpDestination } from './httpDestination';
import { rememberSecret } from './knownSecrets';
import { OtlpDestination } from './otlpDestination';

export interface CollectionSettings {
  /** atomicSkills.feedback.collection.http.url — empty: off. */
  httpUrl: string;
  /** atomicSkills.feedback.collection.http.headers */
  httpHeaders: Record<string, string>;
  /** atomicSkills.feedback.collection.otlp.endpoint — empty: off. */
  otlpEndpoint: string;
  /** atomicSkills.feedback.collection.otlp.headers */
  otlpHeaders: Record<string, string>;
  /** atomicSkills.feedback.collection.otlp.resourceAttributes */
  otlpResourceAttributes: Record<string, string>;
  /** atomicSkills.feedback.collection.batchMaxEvents */
  batchMaxEvents: number;
  /** atomicSkills.feedback.collection.flushIntervalSeconds */
  flushIntervalSeconds: number;
  /** atomicSkills.feedback.collection.maxQueueMegabytes */
  maxQueueMegabytes: number;
  /** atomicSkills.feedback.collection.requestTimeoutSeconds */
  requestTimeoutSeconds: number;
}

export interface CollectionSecrets {
  /** SecretStorage key atomicSkills.feedback.collection.http.token; CLI: ATOMIC_SKILLS_COLLECTION_HTTP_TOKEN. */
  httpToken?: string;
  /** SecretStorage key atomicSkills.feedback.collection.otlp.token; CLI: ATOMIC_SKILLS_COLLECTION_OTLP_TOKEN. */
  otlpToken?: string;
}

export const defaultCollectionSettings: CollectionSettings = {
  httpUrl: '',
  httpHeaders: {},
  otlpEndpoint: '',
  otlpHeaders: {},
  otlpResourceAttributes: {},
  batchMaxEvents: 100,
  flushIntervalSeconds: 30,
  maxQueueMegabytes: 50,
  requestTimeoutSeconds: 30,
};

export interface CollectionSetup {
  destinations: CollectionDestination[];
  options: Partial<CollectorOptions>;
  /** Settings that were ignored, with why; for the log. */
  problems: string[];
}

/** The destinations and collector options the settings describe; `version` goes into User-Agent and service.version. */
export function collectionSetup(settings: CollectionSettings, secrets: CollectionSecrets, version: string): CollectionSetup {
  const problems: string[] = [];
  const destinations: CollectionDestination[] = [];
  rememberSecret(secrets.httpToken, 'token');
  rememberSecret(secrets.otlpToken, 'token');
  const timeoutMs = clamp(settings.requestTimeoutSeconds, 1, 600, 30) * 1000;
  const userAgent = `atomic-skills/${version}`;
  const httpUrl = checkedUrl('http.url', settings.httpUrl, secrets.httpToken, problems);
  if (httpUrl) {
    destinations.push(new HttpDestination({ url: httpUrl, token: secrets.httpToken, headers: cleanHeaders('http.headers', settings.httpHeaders, problems), timeoutMs, userAgent }));
  }
  const otlpEndpoint = checkedUrl('otlp.endpoint', settings.otlpEndpoint, secrets.otlpToken, problems);
  if (otlpEndpoint) {
    destinations.push(
      new OtlpDestination({
        endpoint: otlpEndpoint,
        token: secrets.otlpToken,
        headers: cleanHeaders('otlp.headers', settings.otlpHeaders, problems),
        timeoutMs,
        userAgent,
        resource: { serviceVersion: version, attributes: stringRecord(settings.otlpResourceAttributes) },
      }),
    );
  }
  const options: Partial<CollectorOptions> = {
    batchMaxEvents: Math.round(clamp(settings.batchMaxEvents, 1, 1000, 100)),
    flushIntervalMs: clamp(settings.flushIntervalSeconds, 5, 3600, 30) * 1000,
    queueMaxBytes: clamp(settings.maxQueueMegabytes, 1, 1024, 50) * 1024 * 1024,
  };
  return { destinations, options, problems };
}

function checkedUrl(name: string, value: string, token: string | undefined, problems: string[]): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`atomicSkills.feedback.collection.${name} is not a URL; that destination is off.`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`atomicSkills.feedback.collection.${name} must be http(s); that destination is off.`);
    return undefined;
  }
  if (token && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    problems.push(`atomicSkills.feedback.collection.${name}: a token is set, so a remote endpoint must use https; that destination is off.`);
    return undefined;
  }
  return url.toString();
}

function cleanHeaders(name: string, headers: Record<string, string>, problems: string[]): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(stringRecord(headers))) {
    if (/^(content-type|content-length|host)$/i.test(key) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key) || /[\r\n]/.test(value)) {
      problems.push(`atomicSkills.feedback.collection.${name}: header "${key}" ignored.`);
      continue;
    }
    clean[key] = value;
  }
  return clean;
}

function stringRecord(value: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') record[key] = String(item);
    }
  }
  return record;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
