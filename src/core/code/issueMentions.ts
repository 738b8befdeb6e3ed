import { stackFrames, type StackFrame } from './stackFrames';

/**
 * What a task text points at: file paths, dotted module or class paths, code identifiers, and
 * stack-trace frames. Identifiers count when they look like code (snake_case, camelCase,
 * dotted, called, or inside backticks / code blocks), not plain English words.
 */
export interface IssueMentions {
  /** File paths or names as written (`/` separators), e.g. `src/app/models.py`, `models.py`. */
  paths: string[];
  /** Dotted names of two or more parts, e.g. `django.db.models.query`, `QuerySet.filter`. */
  dotted: string[];
  /** Code identifiers with a weight: 1 in code, 0.6 in prose. */
  identifiers: Map<string, number>;
  frames: StackFrame[];
  /** The text inside backticks and code blocks. */
  code: string;
  /** The first non-empty line: an issue's title or a commit's subject. */
  title: string;
}

const fileExtensions =
  'py|pyi|js|jsx|mjs|cjs|ts|tsx|mts|cts|go|java|kt|scala|rs|c|h|cc|cpp|cxx|hpp|hh|cs|rb|php|sh|bash|css|scss|less|html|vue|svelte|swift|m|mm|lua|pl|r|sql|ini|cfg|toml|yaml|yml|json|xml|md|rst|txt|ps1|gradle|proto';
const pathPattern = new RegExp(String.raw`(?:^|[^\w/.-])((?:[A-Za-z]:)?(?:[\w.@+-]+[/\\])*[\w@+-][\w.@+-]*\.(?:${fileExtensions}))(?![\w/])`, 'gm');
const dottedPattern = /(?<![\w.])[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+(?![\w(]*\.\w)/g;
const identifierPattern = /[A-Za-z_][A-Za-z0-9_]*/g;
const urlPattern = /\bhttps?:\/\/[^\s<>"'`\])]+/g;
/** A file in a code host's web view: `…/blob/<ref>/<path>`, GitLab's `/-/blob/`, Bitbucket's `/src/`, Gitiles' `/+/`. */
const hostedFilePattern = /\/(?:-\/)?(?:blob|tree|raw|src|\+)\/[^/]+\/([^?#]+)/;
const fileNamePattern = new RegExp(String.raw`\.(?:${fileExtensions})$`, 'i');
const kebabPattern = /(?<![\w/.-])-{0,2}([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+)(?![\w/-])/g;
const notDotted = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf']);

/** Code-like: has an underscore inside, a lower-to-upper case change, or a digit after letters. */
export function looksLikeCode(word: string): boolean {
  return /[A-Za-z0-9]_[A-Za-z0-9]|[a-z][A-Z]|[A-Z]{2,}[a-z]|^_|[A-Za-z]\d/.test(word) || /^[A-Z][a-z]+[A-Z]/.test(word);
}

/** Text inside fenced blocks, indented blocks after a blank line, and backticks. */
export function codeSpans(text: string): string {
  const parts: string[] = [];
  for (const m of text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)) parts.push(m[1]);
  const withoutFences = text.replace(/```[\s\S]*?```/g, ' ');
  for (const m of withoutFences.matchAll(/`([^`\n]+)`/g)) parts.push(m[1]);
  for (const m of withoutFences.matchAll(/(?:^|\n)((?:(?: {4}|\t)[^\n]*\n?)+)/g)) parts.push(m[1]);
  return parts.join('\n');
}

/** A word used as code where it stands: compound, called, or an attribute. */
function codeLike(text: string, word: string, at: number): boolean {
  const after = text[at + word.length];
  const before = text[at - 1];
  return looksLikeCode(word) || after === '(' || before === '.';
}

function addWeight(map: Map<string, number>, key: string, weight: number): void {
  map.set(key, Math.max(map.get(key) ?? 0, weight));
}

export function issueMentions(text: string): IssueMentions {
  const code = codeSpans(text);
  const paths = new Set<string>();
  for (const m of text.matchAll(pathPattern)) {
    const p = m[1].replace(/\\/g, '/').replace(/^\.\//, '');
    if (!/^\d+(\.\d+)+$/.test(p) && !p.startsWith('http')) paths.add(p);
  }
  // Links to files in a repository's web view name a file (the ref before it may hold slashes; resolving matches tails).
  for (const m of text.matchAll(urlPattern)) {
    const p = hostedFilePattern.exec(m[0])?.[1].replace(/[.,;:]+$/, '');
    if (p && fileNamePattern.test(p)) paths.add(p);
  }
  const dotted = new Set<string>();
  for (const m of text.matchAll(dottedPattern)) {
    const d = m[0];
    if (notDotted.has(d.toLowerCase()) || paths.has(d) || /\.(?:com|org|net|io|html?)$/.test(d)) continue;
    dotted.add(d.replace(/^self\./, ''));
  }
  const identifiers = new Map<string, number>();
  // In code, code-like names count fully and plain words (often output or prose) a little.
  for (const m of code.matchAll(identifierPattern)) {
    if (m[0].length >= 3) addWeight(identifiers, m[0], codeLike(code, m[0], m.index ?? 0) ? 1 : 0.35);
  }
  for (const m of text.matchAll(identifierPattern)) {
    if (m[0].length >= 3 && codeLike(text, m[0], m.index ?? 0)) addWeight(identifiers, m[0], 0.6);
  }
  // Of a dotted name, the last part is the likely symbol; earlier parts are packages unless code-like.
  for (const d of dotted) {
    const parts = d.split('.');
    parts.forEach((part, i) => {
      if (part.length >= 3 && (i === parts.length - 1 || looksLikeCode(part) || /^[A-Z]/.test(part))) addWeight(identifiers, part, 0.6);
    });
  }
  // Options and message ids are written kebab-case (`--ignore-paths`, `inherited-members`) and named snake_case in code.
  for (const m of text.matchAll(kebabPattern)) {
    const snake = m[1].replace(/-/g, '_');
    addWeight(identifiers, snake, m[0].startsWith('-') || code.includes(m[1]) ? 1 : 0.6);
  }
  const frames = stackFrames(text);
  for (const f of frames) if (f.symbol) addWeight(identifiers, f.symbol, 1);
  const title = text.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  return { paths: [...paths], dotted: [...dotted], identifiers, frames, code, title };
}
