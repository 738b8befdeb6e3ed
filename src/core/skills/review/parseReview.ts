import { categories, severities, type Category, type Severity, type UnanchoredFinding } from './reviewTypes';

export interface RawFinding {
  file: string;
  line?: number;
  endLine?: number;
  severity: Severity;
  category: Category;
  message: string;
  suggestion?: string;
}

export interface ParsedReview {
  review: string;
  judgment: 'YES' | 'NO';
  findings: RawFinding[];
  /** Entries of the findings list that were not findings at all. */
  rejected: UnanchoredFinding[];
}

export type ReviewParseOutcome = { ok: true; value: ParsedReview } | { ok: false; problem: string };

const severityAliases: Record<string, Severity> = {
  blocker: 'critical', major: 'high', error: 'high', warning: 'medium', warn: 'medium', moderate: 'medium',
  minor: 'low', nit: 'low', trivial: 'low', note: 'info', suggestion: 'info',
};
const categoryAliases: Record<string, Category> = {
  correctness: 'bug', logic: 'bug', bugs: 'bug', error: 'bug', vulnerability: 'security', test: 'tests',
  testing: 'tests', perf: 'performance', efficiency: 'performance', readability: 'style',
  maintainability: 'style', naming: 'style', documentation: 'style', docs: 'style', design: 'style',
};

function lastTag(text: string, tag: string): string | undefined {
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'gi');
  let match: RegExpExecArray | null;
  let last: string | undefined;
  while ((match = re.exec(text))) last = match[1];
  if (last !== undefined) return last;
  // A reply cut off before the closing tag still counts for the review prose (up to the next part, if any).
  const open = text.toLowerCase().lastIndexOf(`<${tag}>`);
  if (tag !== 'review' || open < 0) return undefined;
  const rest = text.slice(open + tag.length + 2);
  const next = rest.search(/<(findings|judgment)>/i);
  return next >= 0 ? rest.slice(0, next) : rest;
}

function stripFence(text: string): string {
  const fenced = /^\s*```[a-zA-Z]*[ \t]*(?:\n([\s\S]*?))?\n?\s*```\s*$/.exec(text);
  return (fenced ? fenced[1] ?? '' : text).trim();
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function normalizeSeverity(value: unknown): Severity {
  const v = String(value ?? '').toLowerCase().trim();
  return (severities as readonly string[]).includes(v) ? (v as Severity) : severityAliases[v] ?? 'medium';
}

function normalizeCategory(value: unknown): Category {
  const v = String(value ?? '').toLowerCase().trim();
  return (categories as readonly string[]).includes(v) ? (v as Category) : categoryAliases[v] ?? 'bug';
}

function toFinding(entry: unknown): RawFinding | string {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return 'not an object';
  const e = entry as Record<string, unknown>;
  const file = typeof e.file === 'string' ? e.file.trim() : typeof e.path === 'string' ? e.path.trim() : '';
  const message = typeof e.message === 'string' ? e.message.trim() : typeof e.comment === 'string' ? e.comment.trim() : '';
  if (!file) return 'missing "file"';
  if (!message) return 'missing "message"';
  const line = toInt(e.line ?? e.startLine);
  const endLine = toInt(e.endLine);
  const finding: RawFinding = {
    file,
    line,
    severity: normalizeSeverity(e.severity),
    category: normalizeCategory(e.category),
    message,
  };
  if (line !== undefined && endLine !== undefined && endLine >= line) finding.endLine = endLine;
  if (typeof e.suggestion === 'string' && e.suggestion.length > 0) finding.suggestion = e.suggestion;
  return finding;
}

/** Reads the review format; says exactly what is wrong when it cannot. */
export function parseReviewReply(text: string): ReviewParseOutcome {
  const judgmentText = lastTag(text, 'judgment');
  if (judgmentText === undefined) return { ok: false, problem: 'there is no <judgment>YES</judgment> or <judgment>NO</judgment>.' };
  const judgment = judgmentText.trim().toUpperCase().replace(/[.!]$/, '');
  if (judgment !== 'YES' && judgment !== 'NO') {
    return { ok: false, problem: `the judgment must be YES or NO, not "${judgmentText.trim().slice(0, 40)}".` };
  }
  const review = lastTag(text, 'review')?.trim();
  if (!review) return { ok: false, problem: 'there is no <review>…</review> text.' };
  const findingsText = lastTag(text, 'findings');
  if (findingsText === undefined && /<findings>/i.test(text)) return { ok: false, problem: '<findings> is never closed with </findings>.' };
  const findings: RawFinding[] = [];
  const rejected: UnanchoredFinding[] = [];
  if (findingsText !== undefined && stripFence(findingsText) !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(stripFence(findingsText));
    } catch (err) {
      return { ok: false, problem: `<findings> is not valid JSON (${(err as Error).message}).` };
    }
    const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && Array.isArray((parsed as { findings?: unknown }).findings) ? (parsed as { findings: unknown[] }).findings : undefined;
    if (!list) return { ok: false, problem: '<findings> must be a JSON array.' };
    for (const entry of list) {
      const finding = toFinding(entry);
      if (typeof finding === 'string') {
        const e = (entry ?? {}) as Record<string, unknown>;
        rejected.push({
          finding: { file: String(e.file ?? ''), severity: 'info', category: 'style', message: String(e.message ?? JSON.stringify(entry)).slice(0, 500) },
          reason: `malformed finding: ${finding}`,
        });
      } else {
        findings.push(finding);
      }
    }
  }
  return { ok: true, value: { review, judgment, findings, rejected } };
}
