import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { grammarLocator } from '../core/code/grammarLocator';
import { TreeSitterLoader } from '../core/code/treeSitterLoader';
import { applyPlan } from '../core/edits/applyPlan';
import { type ApplyResult, changedFiles, type FileEditResult } from '../core/edits/editPlan';
import { formatEditReport } from '../core/edits/editReport';
import { treeSitterParseChecker } from '../core/edits/parseGuard';
import { AtomicError, errorMessage } from '../core/errors';
import { readRegularFileIfPresentSync } from '../core/regularFile';
import { workspaceReadMaxBytes } from '../core/workspace';
import { writeFilesAtomically } from './atomicWriter';
import { codeAssetDirs } from './codeAssets';
import { exitCode } from './exitCodes';
import { decodeText, encodeText, type TextEncoding } from './fileEncoding';
import type { CliIo as CodeCommandIo } from './cliIo';
import { planFromText } from './planInput';
import { readInputText } from './commandPaths';
import { repoFolder } from './repoFolder';

export interface ApplyCommandOptions {
  repo: string;
  /** A plan file, or '-' for standard input. */
  plan: string;
  dryRun: boolean;
  partial: boolean;
  json: boolean;
  allowUnsafePaths: boolean;
}

/** The JSON `apply --json` prints. */
export interface ApplyJson extends ApplyResult {
  dryRun: boolean;
  partial: boolean;
  /** Paths written (none on a dry run or when all-or-nothing found a failure). */
  written: string[];
  /** Unified diffs of what was (or, on a dry run, would be) written, by path. */
  diffs: Record<string, string>;
}

function diffOf(f: FileEditResult): string {
  return createTwoFilesPatch(f.before === undefined ? '/dev/null' : `a/${f.path}`, `b/${f.path}`, f.before ?? '', f.after);
}

/**
 * `atomic-skills apply`: applies an edit plan to a folder. All or nothing by default: when any
 * block fails, a file is rejected by the parse guard or the plan has unreadable parts, nothing is
 * written and the exit code is 1. --partial writes the files' applied blocks (still exit 1 when
 * something failed); --dry-run writes nothing and prints the diffs.
 */
export async function applyCommand(options: ApplyCommandOptions, io: CodeCommandIo & { stdin?: NodeJS.ReadableStream }): Promise<number> {
  const root = repoFolder(options.repo);
  const text = await readInputText('--plan', options.plan, io.stdin ?? process.stdin);
  let parsed: ReturnType<typeof planFromText>;
  try {
    parsed = planFromText(text);
  } catch (err) {
    // The plan is the user's input here, not a model's reply: one that cannot be read fails the check (1).
    if (err instanceof AtomicError && err.reason === 'modelReplyMalformed') return io.err(`atomic-skills: ${err.message}`), exitCode.checkFailed;
    throw err;
  }
  if (parsed.plan.edits.length === 0 && parsed.problems.length === 0) {
    io.err('atomic-skills: The plan holds no edits: no SEARCH/REPLACE blocks, unified diff, new-file content or edit tool calls.');
    return exitCode.checkFailed;
  }
  const encodings = new Map<string, TextEncoding>();
  const read = async (p: string): Promise<string | undefined> => {
    const bytes = readRegularFileIfPresentSync(path.resolve(root, p), { maxBytes: workspaceReadMaxBytes, display: p });
    if (bytes === undefined) return undefined;
    const { text, encoding } = decodeText(bytes);
    encodings.set(p, encoding);
    return text;
  };
  const loader = new TreeSitterLoader(grammarLocator(codeAssetDirs()));
  let result: ApplyResult;
  try {
    result = await applyPlan(parsed.plan, { root, read }, {
      checker: treeSitterParseChecker(loader),
      confirmUnsafePath: async () => options.allowUnsafePaths,
      problems: parsed.problems,
      signal: io.signal,
    });
  } finally {
    loader.dispose();
  }
  const candidates = result.ok || options.partial ? changedFiles(result) : [];
  const writes: Array<{ path: string; content: Buffer }> = [];
  for (const f of candidates) {
    try {
      writes.push({ path: path.resolve(root, f.path), content: encodeText(f.after, encodings.get(f.path) ?? 'utf8') });
    } catch (err) {
      f.rejected = `${f.path} cannot be written: ${errorMessage(err)}.`;
      result.ok = false;
    }
  }
  const toWrite = result.ok || options.partial ? writes : [];
  const written = result.files.filter((f) => toWrite.some((w) => w.path === path.resolve(root, f.path))).map((f) => f.path);
  if (!options.dryRun && toWrite.length) await writeFilesAtomically(toWrite);
  const diffs = Object.fromEntries(result.files.filter((f) => written.includes(f.path)).map((f) => [f.path, diffOf(f)]));
  const json: ApplyJson = { ...result, dryRun: options.dryRun, partial: options.partial, written: options.dryRun ? [] : written, diffs };
  if (options.json) io.out(JSON.stringify(json, null, 2));
  else io.out(renderText(json, written));
  return result.ok ? 0 : 1;
}

function renderText(json: ApplyJson, wouldWrite: string[]): string {
  const lines = [formatEditReport(json)];
  if (json.dryRun) {
    for (const p of wouldWrite) lines.push(json.diffs[p].trimEnd());
    lines.push(wouldWrite.length ? `Dry run: would write ${wouldWrite.join(', ')}; nothing written.` : 'Dry run: nothing would be written.');
  } else if (json.written.length) {
    lines.push(`Wrote ${json.written.join(', ')}.`);
  }
  if (!json.ok && !json.partial && !json.dryRun) lines.push('Nothing written: not every block applied (--partial writes the blocks that did).');
  return lines.filter(Boolean).join('\n');
}
