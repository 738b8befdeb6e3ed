import type { CollectionSettings } from './feedback/collectionConfig';

/**
 * Every setting, declared once. package.json's `contributes.configuration` mirrors this
 * (a unit test keeps them equal); the VS Code adapter and the CLI read values into `Settings`.
 */
type SettingValue = string | number | boolean | Record<string, string>;

export interface SettingDeclaration {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'object';
  default: SettingValue;
  /** `application`: user settings only, so a workspace cannot change it. */
  scope?: 'application' | 'machine' | 'window' | 'resource';
  additionalProperties?: { type: 'string' };
  /** For strings: what VS Code's settings editor accepts, and what it says otherwise. */
  pattern?: string;
  patternErrorMessage?: string;
  enum?: string[];
  enumDescriptions?: string[];
  minimum?: number;
  maximum?: number;
  markdownDescription: string;
}

export const settingDeclarations = {
  'atomicSkills.model.baseUrl': {
    type: 'string',
    default: '',
    markdownDescription:
      'Base URL of an OpenAI-compatible endpoint, e.g. `http://127.0.0.1:8000/v1` (vLLM), `http://127.0.0.1:11434/v1` (Ollama), `http://127.0.0.1:1234/v1` (LM Studio) or `https://api.openai.com/v1`. Empty: see `#atomicSkills.model.backend#`. No user name or password in it: the key goes in **Atomic Skills: Set API Key**.',
    // The same rule as checkedBaseUrl (endpointUrl.ts): nothing before an `@` in front of the host.
    pattern: String.raw`^(?!(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://)?[^/?#\s]*@)`,
    patternErrorMessage: 'No user name or password in the URL: put the key in "Atomic Skills: Set API Key" instead.',
  },
  'atomicSkills.model.name': {
    type: 'string',
    default: '',
    markdownDescription: 'Model id at the endpoint. Empty: the first model the endpoint lists.',
  },
  'atomicSkills.model.backend': {
    type: 'string',
    default: 'auto',
    enum: ['auto', 'openai', 'vscode-lm'],
    enumDescriptions: [
      'The configured endpoint; else a chat model VS Code offers (e.g. Copilot); else the first local server that answers (Ollama, LM Studio, vLLM, llama.cpp).',
      'Only the OpenAI-compatible endpoint in `#atomicSkills.model.baseUrl#`.',
      'Only chat models offered through VS Code (`vscode.lm`), e.g. Copilot.',
    ],
    markdownDescription: 'Where model requests go.',
  },
  'atomicSkills.model.requestTimeoutSeconds': {
    type: 'number',
    default: 60,
    minimum: 1,
    maximum: 3600,
    markdownDescription:
      'How long one attempt of a model request waits for the server to answer, and then for more of its reply, in seconds. Only new text counts: empty events and keep-alives do not. An attempt that gets no answer is retried (`#atomicSkills.model.maxRetries#`), and each retry is shown.',
  },
  'atomicSkills.model.replyTimeoutSeconds': {
    type: 'number',
    default: 600,
    minimum: 5,
    maximum: 7200,
    markdownDescription:
      'Time limit of one whole model call, in seconds: every attempt, the waits between them and the full streamed reply. A call still running then fails.',
  },
  'atomicSkills.model.maxRetries': {
    type: 'integer',
    default: 2,
    minimum: 0,
    maximum: 10,
    markdownDescription:
      'Retries of a model request that got no answer, a connection error, 408, 409, 429 or 5xx (with backoff, or after the wait a `Retry-After` header asks for, up to 30 s; a longer one fails at once and says when to try again).',
  },
  'atomicSkills.review.maxDiffCharacters': {
    type: 'integer',
    default: 60000,
    minimum: 1000,
    markdownDescription:
      'Largest diff sent to the model for a review, in characters. Larger changes are reviewed file by file up to this budget and the files left out are named in the result.',
  },
  'atomicSkills.review.maxToolTurns': {
    type: 'integer',
    default: 6,
    minimum: 0,
    maximum: 30,
    markdownDescription: 'How many times the reviewer may read files or search the workspace before it must answer.',
  },
  'atomicSkills.localize.maxToolTurns': {
    type: 'integer',
    default: 8,
    minimum: 0,
    maximum: 30,
    markdownDescription: 'How many rounds of searching, finding symbols and reading files the localizer may make before it answers.',
  },
  'atomicSkills.index.maxFileKilobytes': {
    type: 'integer',
    default: 1024,
    minimum: 16,
    maximum: 65536,
    markdownDescription: 'Files larger than this are listed in the code index but not parsed, and the skills refuse them as edit or test targets.',
  },
  'atomicSkills.feedback.level': {
    type: 'string',
    default: 'off',
    scope: 'application',
    enum: ['off', 'noCode', 'all'],
    enumDescriptions: [
      'Record nothing.',
      'Record the skill, model, labels and metrics of each result, without code, messages or paths.',
      'Record everything needed to train on it: the messages sent, the completion, file hashes and labels (secrets redacted).',
    ],
    markdownDescription:
      'Preference data: which skill results you accept or reject, stored locally (JSONL) so the model can be trained on real use. Nothing is recorded until you choose a level. See **Atomic Skills: Open Feedback Store**.',
  },
  'atomicSkills.feedback.collection.http.url': {
    type: 'string',
    default: '',
    scope: 'application',
    markdownDescription:
      'Also send feedback events to this HTTP(S) endpoint (POSTed as JSON Lines batches; bearer token via **Atomic Skills: Set Feedback Collection Token**). Empty: nothing is sent.',
  },
  'atomicSkills.feedback.collection.http.headers': {
    type: 'object',
    default: {},
    scope: 'application',
    additionalProperties: { type: 'string' },
    markdownDescription: 'Extra HTTP headers for `#atomicSkills.feedback.collection.http.url#`.',
  },
  'atomicSkills.feedback.collection.otlp.endpoint': {
    type: 'string',
    default: '',
    scope: 'application',
    markdownDescription: 'Also send feedback events as OpenTelemetry logs (OTLP/HTTP JSON) to this collector, e.g. `http://127.0.0.1:4318`. Empty: nothing is sent.',
  },
  'atomicSkills.feedback.collection.otlp.headers': {
    type: 'object',
    default: {},
    scope: 'application',
    additionalProperties: { type: 'string' },
    markdownDescription: 'Extra HTTP headers for the OTLP endpoint.',
  },
  'atomicSkills.feedback.collection.otlp.resourceAttributes': {
    type: 'object',
    default: {},
    scope: 'application',
    additionalProperties: { type: 'string' },
    markdownDescription: 'Resource attributes added to every OTLP log record (e.g. `{"team": "payments"}`).',
  },
  'atomicSkills.feedback.collection.batchMaxEvents': {
    type: 'integer',
    default: 100,
    minimum: 1,
    maximum: 1000,
    scope: 'application',
    markdownDescription: 'Most events in one request to a collection endpoint.',
  },
  'atomicSkills.feedback.collection.flushIntervalSeconds': {
    type: 'integer',
    default: 30,
    minimum: 5,
    maximum: 3600,
    scope: 'application',
    markdownDescription: 'How often queued events are sent.',
  },
  'atomicSkills.feedback.collection.maxQueueMegabytes': {
    type: 'integer',
    default: 50,
    minimum: 1,
    maximum: 1024,
    scope: 'application',
    markdownDescription: 'Largest on-disk queue of unsent events per endpoint; the oldest are dropped beyond it.',
  },
  'atomicSkills.feedback.collection.requestTimeoutSeconds': {
    type: 'integer',
    default: 30,
    minimum: 1,
    maximum: 600,
    scope: 'application',
    markdownDescription: 'Time limit of one request to a collection endpoint.',
  },
} as const satisfies Record<string, SettingDeclaration>;

export type SettingKey = keyof typeof settingDeclarations;

export type BackendSetting = 'auto' | 'openai' | 'vscode-lm';
export type FeedbackLevelSetting = 'off' | 'noCode' | 'all';

export interface Settings {
  model: {
    baseUrl: string;
    name: string;
    backend: BackendSetting;
    /** Per attempt: waiting for an answer, and for more of a streamed reply. */
    requestTimeoutMs: number;
    /** The whole call, all attempts included. */
    replyTimeoutMs: number;
    maxRetries: number;
  };
  review: { maxDiffCharacters: number; maxToolTurns: number };
  localize: { maxToolTurns: number };
  index: { maxFileBytes: number };
  feedback: { level: FeedbackLevelSetting; collection: CollectionSettings };
}

/** Builds typed settings from raw values (missing or wrongly typed values fall back to defaults). */
export function settingsFrom(read: (key: SettingKey) => unknown): Settings {
  const get = (key: SettingKey): SettingValue => {
    const decl: SettingDeclaration = settingDeclarations[key];
    const value = read(key);
    if (decl.type === 'string' && typeof value === 'string') {
      return decl.enum && !decl.enum.includes(value) ? decl.default : value;
    }
    if ((decl.type === 'number' || decl.type === 'integer') && typeof value === 'number' && Number.isFinite(value)) {
      const clamped = Math.min(decl.maximum ?? Infinity, Math.max(decl.minimum ?? -Infinity, value));
      return decl.type === 'integer' ? Math.round(clamped) : clamped;
    }
    if (decl.type === 'boolean' && typeof value === 'boolean') return value;
    if (decl.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
    return decl.default;
  };
  const text = (key: SettingKey) => String(get(key)).trim();
  const num = (key: SettingKey) => Number(get(key));
  const map = (key: SettingKey) => get(key) as Record<string, string>;
  return {
    model: {
      baseUrl: String(get('atomicSkills.model.baseUrl')).trim(),
      name: String(get('atomicSkills.model.name')).trim(),
      backend: get('atomicSkills.model.backend') as BackendSetting,
      requestTimeoutMs: Number(get('atomicSkills.model.requestTimeoutSeconds')) * 1000,
      replyTimeoutMs: Number(get('atomicSkills.model.replyTimeoutSeconds')) * 1000,
      maxRetries: Number(get('atomicSkills.model.maxRetries')),
    },
    review: {
      maxDiffCharacters: num('atomicSkills.review.maxDiffCharacters'),
      maxToolTurns: num('atomicSkills.review.maxToolTurns'),
    },
    localize: { maxToolTurns: num('atomicSkills.localize.maxToolTurns') },
    index: { maxFileBytes: num('atomicSkills.index.maxFileKilobytes') * 1024 },
    feedback: {
      level: text('atomicSkills.feedback.level') as FeedbackLevelSetting,
      collection: {
        httpUrl: text('atomicSkills.feedback.collection.http.url'),
        httpHeaders: map('atomicSkills.feedback.collection.http.headers'),
        otlpEndpoint: text('atomicSkills.feedback.collection.otlp.endpoint'),
        otlpHeaders: map('atomicSkills.feedback.collection.otlp.headers'),
        otlpResourceAttributes: map('atomicSkills.feedback.collection.otlp.resourceAttributes'),
        batchMaxEvents: num('atomicSkills.feedback.collection.batchMaxEvents'),
        flushIntervalSeconds: num('atomicSkills.feedback.collection.flushIntervalSeconds'),
        maxQueueMegabytes: num('atomicSkills.feedback.collection.maxQueueMegabytes'),
        requestTimeoutSeconds: num('atomicSkills.feedback.collection.requestTimeoutSeconds'),
      },
    },
  };
}
