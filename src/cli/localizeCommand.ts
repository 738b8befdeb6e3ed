import * as path from 'node:path';
import { AtomicError } from '../core/errors';
import { readInputText } from './commandPaths';
import { retrieveCandidates } from '../core/code/retrieve';
import { openFreshIndex } from './freshIndex';
import type { CliIo as CodeCommandIo } from './cliIo';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { FsWorkspace } from '../core/fsWorkspace';
import { localizeSkill, runLocalize } from '../core/skills/localize/localizeSkill';
import type { CodeIndex } from '../core/code/codeIndex';
import type { IndexStats } from '../core/code/codeTypes';
import { cliFeedbackNote, cliRecorder } from './cliFeedback';
import { cliModel, cliSettings, type CliModelOptions } from './cliModel';

export interface LocalizeCommandOptions extends CliModelOptions {
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

/**
 * `atomic-skills localize`: ranks the files of a folder for a task text. Only the retrieval
 * stage exists so far; the model stage (which commits to the files to change) comes later.
 * With --retrieval-only the committed set is the top candidate.
 */
export async function localizeCommand(options: LocalizeCommandOptions, io: CodeCommandIo & { stdin?: NodeJS.ReadableStream }): Promise<number> {
  const text = await readInputText('--issue', options.issue, io.stdin ?? process.stdin);
  if (!text.trim()) throw new AtomicError('usage', 'The issue text is empty.');
  if (!options.retrievalOnly) return localizeWithModel(text, options, io);
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

/** The full skill: retrieval, then the model navigates and commits (recorded when the CLI records). */
async function localizeWithModel(task: string, options: LocalizeCommandOptions, io: CodeCommandIo): Promise<number> {
  const recorder = cliRecorder(io.env, io.err);
  const settings = cliSettings(options, io.env);
  const model = await cliModel(settings, io.env, io.err);
  let opened: { index: CodeIndex; stats: IndexStats } | undefined;
  try {
    const context = {
      model,
      workspace: new FsWorkspace(path.resolve(options.repo)),
      settings,
      signal: io.signal,
      surface: 'cli' as const,
      codeIndex: async () => (opened ??= await openFreshIndex(options.repo, io, options.json)).index,
      progress: options.json ? undefined : (m: string) => io.err(m),
    };
    const run = await runLocalize({ task, top: options.top }, context);
    const recordId = await recordSkillRun(recorder, localizeSkill, run, context);
    if (recordId && !options.json) io.err(cliFeedbackNote(recordId));
    const { result } = run;
    const json: LocalizeJson = {
      files: result.files,
      committed: result.committed,
      stats: {
        retrievalOnly: false,
        indexedFiles: result.stats.indexedFiles,
        candidates: result.stats.candidates,
        droppedPaths: result.dropped.length,
        toolCalls: result.toolCalls,
        repaired: result.repaired,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        retrievalMilliseconds: result.stats.retrievalMilliseconds,
        milliseconds: result.stats.milliseconds,
      },
    };
    if (options.json) io.out(JSON.stringify(json, null, 2));
    else {
      io.out(renderText(json).replace('Committed (retrieval only: the top file)', 'Committed'));
      for (const d of result.dropped) io.err(`dropped ${d.path}: ${d.reason}`);
    }
    return 0;
  } finally {
    await opened?.index.dispose();
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
