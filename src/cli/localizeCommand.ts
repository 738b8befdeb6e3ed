import * as fs from 'node:fs';
import { AtomicError, errorMessage } from '../core/errors';
import { retrieveCandidates } from '../core/code/retrieve';
import { openFreshIndex, type CodeCommandIo } from './indexCommand';

export interface LocalizeCommandOptions {
  repo: string;
  /** A file with the task text, or '-' for standard input. */
  issue: string;
  top: number;
  retrievalOnly: boolean;
  json: boolean;
}

/** The JSON `localize --json` prints. */
export interface LocalizeJson {
  files: { path: string; score: number; reason: string; symbols: { name: string; kind: string; startLine: number; endLine: number }[] }[];
  committed: string[];
  stats: Record<string, number | boolean>;
}

async function readIssue(issue: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (issue !== '-') {
    try {
      return fs.readFileSync(issue, 'utf8');
    } catch (err) {
      throw new AtomicError('usage', `Cannot read --issue ${issue}: ${errorMessage(err)}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `atomic-skills localize`: ranks the files of a folder for a task text. Only the retrieval
 * stage exists so far; the model stage (which commits to the files to change) comes later.
 * With --retrieval-only the committed set is the top candidate.
 */
export async function localizeCommand(options: LocalizeCommandOptions, io: CodeCommandIo & { stdin?: NodeJS.ReadableStream }): Promise<number> {
  if (!options.retrievalOnly) {
    throw new AtomicError('usage', 'localize needs the model, which is not available yet — use --retrieval-only.');
  }
  const text = await readIssue(options.issue, io.stdin ?? process.stdin);
  if (!text.trim()) throw new AtomicError('usage', 'The issue text is empty.');
  const { index, stats } = await openFreshIndex(options.repo, io, options.json);
  try {
    const result = retrieveCandidates(index, text, { top: options.top, signal: io.signal });
    const json: LocalizeJson = {
      files: result.files.map((f) => ({
        path: f.path,
        score: f.score,
        reason: f.reason,
        symbols: f.symbols.map((s) => ({ name: s.name, kind: s.kind, startLine: s.startLine, endLine: s.endLine })),
      })),
      committed: result.files.slice(0, 1).map((f) => f.path),
      stats: {
        retrievalOnly: true,
        indexedFiles: stats.files,
        searchedFiles: result.stats.searchedFiles,
        symbols: stats.symbols,
        queryTerms: result.stats.queryTerms,
        stackFrames: result.stats.frames,
        indexMilliseconds: stats.milliseconds,
        retrievalMilliseconds: result.stats.milliseconds,
      },
    };
    if (options.json) io.out(JSON.stringify(json, null, 2));
    else io.out(renderText(json));
    return 0;
  } finally {
    await index.dispose();
  }
}

function renderText(json: LocalizeJson): string {
  if (json.files.length === 0) return 'No candidate files.';
  const lines = json.files.map((f, i) => {
    const symbols = f.symbols.map((s) => `    ${s.kind} ${s.name} (lines ${s.startLine}-${s.endLine})`);
    return [`${i + 1}. ${f.path}  [${f.score.toFixed(3)}]`, `    ${f.reason}`, ...symbols].join('\n');
  });
  return `${lines.join('\n')}\n\nCommitted (retrieval only: the top file): ${json.committed.join(', ')}`;
}
