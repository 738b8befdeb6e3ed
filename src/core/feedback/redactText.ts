/**
 * Secret redaction over plain text: every secret VALUE found is replaced by `[REDACTED:<kind>]`,
 * names and surrounding code stay readable (`const token = getToken()` is left alone).
 *
 * Rules, in order:
 * 1. Private key blocks (`-----BEGIN … PRIVATE KEY-----` to its END line, or to the end of the text when cut).
 * 2. Well-known token shapes: OpenAI `sk-…`, Anthropic `sk-ant-…`, GitHub `ghp_/gho_/ghu_/ghs_/ghr_/github_pat_`,
 *    GitLab `glpat-`, Slack `xox?-` and webhooks, AWS `AKIA…`, Google `AIza…`, Stripe `sk_live_/rk_live_/…_test_`,
 *    npm `npm_`, Hugging Face `hf_`, and JWTs.
 * 3. Passwords in URLs: `scheme://user:pass@host` → `scheme://user:[REDACTED:password]@host`.
 * 4. `Authorization:` header values (the scheme word is kept) and `Bearer <token>`.
 * 5. Assignments to secret-looking names (see {@link isSecretName}) in .env/shell (`TOKEN=v`, `export TOKEN=v`),
 *    YAML (`password: v`), JSON/JS (`"apiKey": "v"`), code (`password = "v"`) and flags (`--token v`).
 *    Quoted values are always redacted; unquoted ones only when they do not read as code (a call, a member path,
 *    a type, a `$VAR` reference).
 * 6. Text known to be a .env file (option `envFile`), and .env sections inside a text (a diff of a `.env*` or
 *    `.envrc` file, or the lines after a mention of one): the value of EVERY assignment.
 * 7. Long random-looking values assigned to any name, and AWS secret keys (redactRandom.ts).
 * Before all of them: the exact secrets this process holds (knownSecrets.ts), in any shape.
 * Lines are matched as the skills record them, not only as raw files: behind read_file's `12: `, search's
 * `path:12: `, numbered code's `12| `, the review's numbered diff `    12 +` and a plain diff's `+`/`-`/` `.
 */
import { redactKnownSecrets } from './knownSecrets';
import { looksRandom, readsAsWords, redactRandomValues } from './redactRandom';

export const redactedMark = (kind: string): string => `[REDACTED:${kind}]`;

const tokenRules: Array<{ kind: string; pattern: RegExp }> = [
  { kind: 'private-key', pattern: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  { kind: 'anthropic-key', pattern: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{16,}/g },
  { kind: 'openai-key', pattern: /(?<![A-Za-z0-9])sk-(?=[A-Za-z0-9_-]*\d)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'github-token', pattern: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { kind: 'gitlab-token', pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
  { kind: 'aws-key', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { kind: 'google-key', pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/g },
  { kind: 'stripe-key', pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}|(?<![A-Za-z0-9])whsec_[0-9A-Za-z]{16,}/g },
  { kind: 'npm-token', pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}/g },
  { kind: 'huggingface-token', pattern: /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}/g },
  { kind: 'jwt', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
];

const urlPassword = /(:\/\/)([^\s:/?#@'"<>]*):([^\s/?#'"<>]+)@/g;
const authSchemes = 'basic|bearer|token|digest|negotiate|ntlm|apikey';
const authorizationHeader = new RegExp(
  String.raw`\b((?:proxy-)?authorization["']?[ \t]*:[ \t]*["']?)((?:${authSchemes})[ \t]+)?(?!(?:${authSchemes})[ \t])([A-Za-z0-9._~+/=:-]{6,})`,
  'gi',
);
const bearer = /\b(bearer[ \t]+)(?=[A-Za-z0-9._~+/-]*\d)([A-Za-z0-9._~+/-]{16,}=*)/gi;
/** A name, optionally quoted, then `=`, `:=` or `:` (not `==`, `=>`, `::`). */
const assignment = /(?<![A-Za-z0-9_$])(\\?["'`]?)([A-Za-z_$][\w$.-]*)\1([ \t]*)(:=|=|:)(?![=>:])([ \t]*)/g;
/** The end of a secret-looking name, then the operator: the fast way into assignments in long texts. */
const secretAssignment = /(?:key|secret|token|passw(?:or)?d|passphrase|pwd|credentials?|string|authorization|pass|auth)(\\?["'`]?)([ \t]*)(:=|=|:)(?![=>:])([ \t]*)/gi;
const flag = /(?<![\w-])(--?[A-Za-z][\w-]*)([ \t]+)([^\s-][^\s]*)/g;
/** A mention of a .env file: `.env`, `.env.local`, `prod.env`, `.envrc` (not `process.env.X`, `import.meta.env`). */
const envFileName = /(?:^|[\s`'"/\\(:])(?:\.envrc|\.env(?:\.[\w-]+)*|(?!process\.env|import\.meta\.env)[\w-]+(?:\.[\w-]+)*\.env)(?=$|[\s`'":),]|\.(?:\s|$))/m;

/**
 * What the skills put in front of a recorded line (see the header comment); a `before` that is only this (and
 * `export `) means the name starts the line.
 */
const linePrefix = String.raw`(?:[^\s:]+:\d+: |[ \t]*\d+(?::|\|) |[ \t]*\d*[ \t][+\- ]|[+\- ])?`;
const startOfLine = new RegExp(String.raw`^${linePrefix}\s*(?:export\s+)?$`);
const startOfYamlLine = new RegExp(String.raw`^${linePrefix}\s*(?:-\s+)?$`);
const prefixOfLine = new RegExp(`^${linePrefix}`);

const secretNameEnd =
  /(?:api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|secret|token|password|passwd|passphrase|pwd|credentials?|connection[_-]?string|authorization)$/i;

/** True for names that hold secrets: `GITHUB_TOKEN`, `apiKey`, `db_password`, `DB_PASS`, `clientSecret`, `_auth`; not `maxTokens`, `tokenizer`, `cacheKey`. */
export function isSecretName(name: string): boolean {
  const bare = name.replace(/^[-_$.]+/, '');
  if (/^auth$/i.test(bare) || /(?:^|[_.-])pass$/i.test(bare)) return true;
  return secretNameEnd.test(bare);
}

const codeWords = new Set(
  ('null undefined none nil true false string number boolean bool str int bytes any unknown object void never ' +
    'function new await async lambda this self return typeof def fn let const var optional readonly').split(' '),
);

/** An unquoted value that reads as code, a type or a reference rather than a literal secret. */
function readsAsCode(value: string): boolean {
  if (/^[$%&*@!?|\\]/.test(value) || /[()[\]{}<>]/.test(value)) return true;
  if (codeWords.has(value.toLowerCase())) return true;
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value);
}

function alreadyRedacted(value: string): boolean {
  return value.startsWith('[REDACTED');
}

function lineStartBefore(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  return text.slice(start, index);
}

/** Finds the closing quote of a string starting at `open` (escape-aware); -1 when the line ends first. */
function closingQuote(text: string, open: number, quote: string): number {
  for (let i = open + quote.length; i < text.length; i++) {
    const c = text[i];
    if (quote.length === 2 && text.startsWith(quote, i)) return i;
    if (quote.length === 1 && c === '\\') { i++; continue; }
    if (quote.length === 1 && c === quote) return i;
    if (c === '\n' && quote !== '`') return -1;
  }
  return -1;
}

/** Every assignment in `text` (`everyValue`: .env content), or only those to secret-looking names. */
function redactAssignments(text: string, everyValue: boolean): string {
  const pattern = everyValue ? assignment : secretAssignment;
  let out = '';
  let copied = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const found = everyValue ? assignmentAt(m) : secretAssignmentAt(text, m);
    if (!found) continue;
    const span = valueSpan(text, found.nameAt, found.name, found.at, found.op, found.tight, everyValue);
    if (everyValue) {
      // In .env content the rest of the line is the value, whatever it holds: no second assignment on a line.
      const lineEnd = text.indexOf('\n', found.at);
      pattern.lastIndex = lineEnd < 0 ? text.length : lineEnd;
    }
    if (!span) continue;
    out += text.slice(copied, span[0]) + redactedMark(everyValue ? 'env' : 'secret');
    copied = span[1];
    pattern.lastIndex = Math.max(pattern.lastIndex, span[1]);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

interface FoundAssignment {
  /** Where the name (with its opening quote) starts. */
  nameAt: number;
  name: string;
  op: string;
  /** Where the value starts. */
  at: number;
  /** No spaces around the operator. */
  tight: boolean;
}

function assignmentAt(m: RegExpExecArray): FoundAssignment {
  const [whole, , name, gapBefore, op, gapAfter] = m;
  return { nameAt: m.index, name, op, at: m.index + whole.length, tight: gapBefore === '' && gapAfter === '' };
}

/** The assignment whose name ENDS in the secret word `m` matched (found from the end: much faster on code). */
function secretAssignmentAt(text: string, m: RegExpExecArray): FoundAssignment | undefined {
  const [whole, quote, gapBefore, op, gapAfter] = m;
  const nameEnd = m.index + whole.length - quote.length - gapBefore.length - op.length - gapAfter.length;
  let start = m.index;
  while (start > 0 && /[\w$.-]/.test(text[start - 1])) start--;
  while (start < nameEnd && !/[A-Za-z_$]/.test(text[start])) start++;
  const name = text.slice(start, nameEnd);
  if (!isSecretName(name)) return undefined;
  if (quote && !text.slice(0, start).endsWith(quote)) return undefined;
  return { nameAt: start - quote.length, name, op, at: m.index + whole.length, tight: gapBefore === '' && gapAfter === '' };
}

/**
 * The [start, end) of the secret value of an assignment whose name starts at `nameAt` and value at `at`, or
 * undefined to leave it. `tight` means no spaces around the operator.
 */
function valueSpan(text: string, nameAt: number, name: string, at: number, op: string, tight: boolean, everyValue: boolean): [number, number] | undefined {
  const before = lineStartBefore(text, nameAt);
  const quote = text.startsWith('\\"', at) ? '\\"' : /["'`]/.test(text[at] ?? '') ? text[at] : '';
  if (quote) {
    // "`name:` `value`" in markdown: the backtick after the operator closes a code span, it opens no string.
    if (quote === '`' && text[nameAt - 1] === '`') return undefined;
    const close = closingQuote(text, at, quote);
    if (close < 0) return undefined;
    const inner = text.slice(at + quote.length, close);
    if (!inner || alreadyRedacted(inner) || (quote === '`' && inner.includes('${'))) return undefined;
    return [at + quote.length, close];
  }
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const restOfLine = text.slice(at, lineEnd);
  const envLine = op === '=' && tight && startOfLine.test(before);
  if (envLine || everyValue) {
    const value = restOfLine.replace(/\s+$/, '');
    if (!value || alreadyRedacted(value) || (!everyValue && /^\$\{?[A-Za-z_]/.test(value))) return undefined;
    return [at, at + value.length];
  }
  if (op === '=' && /[?&;]$/.test(before)) {
    const value = /^[^\s&#"'<>]*/.exec(restOfLine)![0];
    return value && !alreadyRedacted(value) ? [at, at + value.length] : undefined;
  }
  const raw = /^\S*/.exec(restOfLine)![0];
  const value = raw.replace(/[,;)}\]`'"]+$/, '');
  if (!value || alreadyRedacted(value)) return undefined;
  // `TOKEN=v` inside a sentence or markdown: an environment variable set inline.
  if (op === '=' && tight && /^[A-Z][A-Z0-9_]*$/.test(name)) return /^\$\{?[A-Za-z_]/.test(value) ? undefined : [at, at + value.length];
  if (readsAsCode(value)) return undefined;
  const yamlLine = op === ':' && startOfYamlLine.test(before) && restOfLine.slice(raw.length).trim() === '' && !/[,;]$/.test(raw);
  if (yamlLine || /--?$/.test(before)) {
    // A capitalised word after a colon is a type annotation (`token: CancellationToken`), not a secret.
    return /^[A-Z][a-z]+(?:[A-Z][a-z]*)*$/.test(value) ? undefined : [at, at + value.length];
  }
  if (/^-?(?:\d+(?:\.\d+)?|0x[0-9a-f]+)$/i.test(value)) return undefined; // `token = 0` in code: a number, not a secret
  const identifier = /^[A-Za-z_$][\w$]*$/.test(value);
  // `exchangeX509Token` is a name; `a8Hq2xZ0pL4mN7wR` is a key.
  const randomLooking = looksRandom(value) || (value.length >= 16 && /(?:\D*\d){3}/.test(value) && /[A-Za-z]/.test(value) && !readsAsWords(value));
  return identifier && !randomLooking ? undefined : [at, at + value.length];
}

function redactFlags(text: string): string {
  return text.replace(flag, (whole, name: string, gap: string, value: string) => {
    if (!isSecretName(name.replace(/^-+/, '')) || value.startsWith('$') || alreadyRedacted(value) || readsAsCode(value)) return whole;
    return `${name}${gap}${redactedMark('secret')}`;
  });
}

/** An assignment line of a .env file, behind any recorded-line prefix; `tight`: no space before `=` (.env style, not code). */
const envAssignmentLine = new RegExp(String.raw`^${linePrefix}\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=`);
const tightEnvAssignmentLine = new RegExp(String.raw`^${linePrefix}\s*(?:export\s+)?[A-Za-z_][\w.-]*=`);

/** Every value of one .env line, the recorded-line prefix kept as it is. */
function redactEnvLine(line: string): string {
  const prefix = prefixOfLine.exec(line)![0];
  const body = line.slice(prefix.length);
  return /^\s*#/.test(body) ? line : prefix + redactAssignments(body, true);
}

/** Redacts every assignment value in the .env sections of a text: diffs of .env files, lines after a .env file name. */
function redactEnvSections(text: string): string {
  if (!text.includes('env') || (!(text.includes('.env') && envFileName.test(text)) && !/(?:```|~~~)\s*(?:env|dotenv)\s*\n/.test(text))) return text;
  const lines = text.split('\n');
  let inEnvDiff = false;
  let inEnvBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const diffHeader = /^(?:diff --git a\/\S+ b\/(\S+)|\+\+\+ (?:b\/)?(\S+))/.exec(line);
    if (diffHeader) {
      const file = diffHeader[1] ?? diffHeader[2];
      inEnvDiff = isEnvFileName(file);
      inEnvBlock = false;
      continue;
    }
    if (line.startsWith('--- ') || line.startsWith('@@')) continue;
    // In a diff of a .env file every line is the file's; after a mere mention, only .env-style lines (`A=b`, not `a = b;`).
    const assigns = inEnvDiff ? envAssignmentLine.test(line) : tightEnvAssignmentLine.test(line);
    // A search match in a .env file names it in front: `.env:3: KEY=value`.
    const searchHit = /^([^\s:]+):\d+: /.exec(line);
    if ((inEnvDiff || inEnvBlock || (searchHit && isEnvFileName(searchHit[1]))) && assigns) {
      lines[i] = redactEnvLine(line);
      continue;
    }
    if (inEnvBlock && !(line.trim() === '' || /^\s*(#|```|~~~)/.test(line.slice(prefixOfLine.exec(line)![0].length)))) inEnvBlock = false;
    if (!inEnvDiff && !assigns && (envFileName.test(line) || /^\s*(?:```|~~~)\s*(?:env|dotenv)\s*$/.test(line))) inEnvBlock = true;
  }
  return lines.join('\n');
}

export interface RedactOptions {
  /** The text is the content of a .env file: every assignment's value goes. */
  envFile?: boolean;
}

/**
 * Every rule above needs one of these substrings (rules 1–4 one of the first set); a text without any is returned as
 * it is (most short strings: ids, roles, times). Kept in step with the rules: a rule whose trigger is missing here
 * would never run.
 */
const credentialTrigger = /sk-|sk_|rk_|gh[pousr]_|github_pat_|glpat-|xox|hooks\.slack|A[KS]IA|ABIA|ACCA|AIza|whsec_|npm_|hf_|eyJ|:\/\/|-----BEGIN|bearer|authorization/i;
const anyTrigger = new RegExp(`${credentialTrigger.source}|key|secret|token|passw|passphrase|pwd|credential|string|auth|pass|env|aws|[=:]`, 'i');

/**
 * The credentials in a message (rules 1–4 and the secrets this process holds, see knownSecrets.ts): what an error,
 * a log line or a notification must lose. Unlike {@link redactSecrets} it leaves assignments and .env lines alone,
 * so a message quoting code stays as it was.
 */
export function redactCredentials(text: string): string {
  const out = redactKnownSecrets(text);
  return credentialTrigger.test(out) ? redactCredentialShapes(out) : out;
}

function redactCredentialShapes(text: string): string {
  let out = text;
  for (const rule of tokenRules) out = out.replace(rule.pattern, redactedMark(rule.kind));
  out = out.replace(urlPassword, (_w, scheme: string, user: string, pass: string) =>
    alreadyRedacted(pass) || alreadyRedacted(user) ? _w : `${scheme}${user}:${redactedMark('password')}@`);
  out = out.replace(authorizationHeader, (whole, head: string, scheme: string | undefined, value: string, offset: number, all: string) => {
    const bare = value.replace(/[,;]+$/, '');
    // Without a scheme word, a plain identifier is code (`{ authorization: auth }`), not a credential.
    const code = !scheme && (readsAsCode(bare) || (/^[A-Za-z_$][\w$]*$/.test(bare) && !/\d/.test(bare)));
    if (alreadyRedacted(value) || all[offset + whole.length] === '(' || code) return whole;
    return `${head}${scheme ?? ''}${redactedMark('authorization')}`;
  });
  return out.replace(bearer, (_w, head: string) => `${head}${redactedMark('bearer')}`);
}

/** Replaces every secret value in `text` by `[REDACTED:<kind>]` (idempotent). */
export function redactSecrets(text: string, options: RedactOptions = {}): string {
  let out = redactKnownSecrets(text);
  if (out.length === 0 || (!options.envFile && !anyTrigger.test(out))) return out;
  out = redactFlags(redactCredentialShapes(out));
  out = options.envFile ? redactEnvFile(out) : redactEnvSections(out);
  return redactRandomValues(redactAssignments(out, false), redactedMark);
}

function redactEnvFile(text: string): string {
  return text
    .split('\n')
    .map((line) => (envAssignmentLine.test(line) ? redactEnvLine(line) : line))
    .join('\n');
}

/** True when a path or name points at a .env file (`.env`, `.env.local`, `config/prod.env`). */
export function isEnvFileName(pathOrName: string): boolean {
  const base = pathOrName.split(/[\\/]/).pop() ?? '';
  return /^\.env(?:\.[\w.-]+)?$/.test(base) || /^[\w.-]+\.env$/.test(base) || base === '.envrc';
}
