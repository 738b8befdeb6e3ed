/** Reads the localization format: `<localization>{"files": [...], "committed": [...]}</localization>`. */

export interface RawLocalizedFile {
  path: string;
  reason: string;
  /** Symbol names as the model wrote them ("Class.method", "func"), or with lines. */
  symbols: Array<{ name: string; startLine?: number; endLine?: number }>;
}

export interface RawLocalization {
  files: RawLocalizedFile[];
  committed: string[];
}

export type LocalizationParseOutcome = { ok: true; value: RawLocalization } | { ok: false; problem: string };

function jsonCandidate(text: string): string | undefined {
  const tagged = /<localization>([\s\S]*?)(?:<\/localization>|$)/i.exec(text);
  const body = tagged ? tagged[1] : text;
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n\s*```/.exec(body);
  const candidate = (fenced ? fenced[1] : body).trim();
  const start = candidate.indexOf('{');
  const end = candidate.lastIndexOf('}');
  return start >= 0 && end > start ? candidate.slice(start, end + 1) : undefined;
}

function toSymbols(value: unknown): RawLocalizedFile['symbols'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((s) => {
    if (typeof s === 'string' && s.trim()) return [{ name: s.trim() }];
    if (s && typeof s === 'object' && typeof (s as { name?: unknown }).name === 'string') {
      const o = s as { name: string; startLine?: unknown; endLine?: unknown };
      const line = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
      return [{ name: o.name.trim(), startLine: line(o.startLine), endLine: line(o.endLine) }];
    }
    return [];
  });
}

export function parseLocalizationReply(text: string): LocalizationParseOutcome {
  const json = jsonCandidate(text);
  if (!json) return { ok: false, problem: 'there is no JSON object inside <localization>…</localization>.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    return { ok: false, problem: `the JSON inside <localization> does not parse (${(err as Error).message}).` };
  }
  const obj = parsed as { files?: unknown; committed?: unknown };
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.files)) return { ok: false, problem: '"files" must be a JSON array.' };
  const files: RawLocalizedFile[] = [];
  for (const entry of obj.files) {
    const e = (typeof entry === 'string' ? { path: entry } : entry) as { path?: unknown; file?: unknown; reason?: unknown; symbols?: unknown };
    const p = typeof e?.path === 'string' ? e.path : typeof e?.file === 'string' ? e.file : undefined;
    if (!p?.trim()) continue;
    files.push({ path: p.trim(), reason: typeof e.reason === 'string' ? e.reason.trim() : '', symbols: toSymbols(e.symbols) });
  }
  if (files.length === 0) return { ok: false, problem: '"files" names no file.' };
  const committed = Array.isArray(obj.committed) ? obj.committed.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim()) : [];
  return { ok: true, value: { files, committed: committed.length ? committed : [files[0].path] } };
}
