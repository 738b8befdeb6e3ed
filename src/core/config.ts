/**
 * Every setting, declared once. package.json's `contributes.configuration` mirrors this
 * (a unit test keeps them equal); the VS Code adapter and the CLI read values into `Settings`.
 */
export interface SettingDeclaration {
  type: 'string' | 'number' | 'integer' | 'boolean';
  default: string | number | boolean;
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
      'Base URL of an OpenAI-compatible endpoint, e.g. `http://127.0.0.1:8000/v1` (vLLM), `http://127.0.0.1:11434/v1` (Ollama), `http://127.0.0.1:1234/v1` (LM Studio) or `https://api.openai.com/v1`. Empty: see `#atomicSkills.model.backend#`.',
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
    default: 120,
    minimum: 1,
    maximum: 3600,
    markdownDescription: 'Time limit of one model request, in seconds.',
  },
  'atomicSkills.model.maxRetries': {
    type: 'integer',
    default: 2,
    minimum: 0,
    maximum: 10,
    markdownDescription: 'Retries of a model request after a connection error, 408, 409, 429 or 5xx (with backoff).',
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
} as const satisfies Record<string, SettingDeclaration>;

export type SettingKey = keyof typeof settingDeclarations;

export type BackendSetting = 'auto' | 'openai' | 'vscode-lm';

export interface Settings {
  model: {
    baseUrl: string;
    name: string;
    backend: BackendSetting;
    requestTimeoutMs: number;
    maxRetries: number;
  };
  review: { maxDiffCharacters: number; maxToolTurns: number };
}

/** Builds typed settings from raw values (missing or wrongly typed values fall back to defaults). */
export function settingsFrom(read: (key: SettingKey) => unknown): Settings {
  const get = (key: SettingKey): string | number | boolean => {
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
    return decl.default;
  };
  return {
    model: {
      baseUrl: String(get('atomicSkills.model.baseUrl')).trim(),
      name: String(get('atomicSkills.model.name')).trim(),
      backend: get('atomicSkills.model.backend') as BackendSetting,
      requestTimeoutMs: Number(get('atomicSkills.model.requestTimeoutSeconds')) * 1000,
      maxRetries: Number(get('atomicSkills.model.maxRetries')),
    },
    review: {
      maxDiffCharacters: Number(get('atomicSkills.review.maxDiffCharacters')),
      maxToolTurns: Number(get('atomicSkills.review.maxToolTurns')),
    },
  };
}
