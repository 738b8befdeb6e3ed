import { throwIfAborted } from '../errors';
import { applyUnit } from './applyUnit';
import { splitLines, unitFromBlock, unitFromHunk } from './changeUnit';
import type { ApplyResult, BlockResult, DiffHunk, EditPlan, FileEdit, FileEditResult, ParseProblem } from './editPlan';
import { FileState } from './fileState';
import { FileText } from './fileText';
import { guardFile, type GuardOptions } from './guardFile';
import { detectIndentation } from './indentation';
import { classifyEditPath, type PathSafety } from './pathSafety';

/** Read access to the files a plan edits. */
export interface EditFiles {
  /** Absolute workspace root: paths are relative to it and checked against it. */
  root: string;
  /** Text of a path (workspace-relative with '/', or absolute once the user allowed it); undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
}

export interface ApplyOptions extends GuardOptions {
  /** Asked once per unsafe path (outside the workspace, through a symlink out, .git/, editor settings); absent: refused. */
  confirmUnsafePath?: (safety: PathSafety) => Promise<boolean>;
  /** Problems the parser found; they make the result not ok and are passed through. */
  problems?: ParseProblem[];
  signal?: AbortSignal;
}

/**
 * Applies a plan in memory and returns the new content of every file it touches, per-block
 * outcomes and the parse guard's verdict. Never writes. Blocks apply in order, each to the text
 * the previous ones left; a failed block is reported and skipped, the others still apply.
 */
export async function applyPlan(plan: EditPlan, files: EditFiles, options: ApplyOptions = {}): Promise<ApplyResult> {
  const states = new Map<string, FileState>();
  const order: FileState[] = [];
  for (const edit of plan.edits) {
    throwIfAborted(options.signal);
    const safety = await classifyEditPath(files.root, edit.path);
    let state = states.get(safety.path);
    if (!state) {
      state = await openState(safety, files, options);
      states.set(safety.path, state);
      order.push(state);
    }
    applyEdit(state, edit);
  }
  const results: FileEditResult[] = [];
  for (const state of order) {
    throwIfAborted(options.signal);
    state.finishRanges();
    const result = summarize(state);
    if (result.applied > 0 && result.after !== result.before) await guardFile(result, state.blocks, options);
    results.push(result);
  }
  const blocks = order.flatMap((s) => s.blocks);
  const problems = options.problems ?? [];
  const ok = problems.length === 0 && blocks.every((b) => b.status !== 'failed') && results.every((f) => !f.rejected);
  return { ok, files: results, blocks, problems };
}

async function openState(safety: PathSafety, files: EditFiles, options: ApplyOptions): Promise<FileState> {
  if (safety.reasons.length) {
    const allowed = options.confirmUnsafePath ? await options.confirmUnsafePath(safety) : false;
    if (!allowed) {
      return new FileState(safety.path, safety, undefined, { failure: 'unsafePath', reason: `Refused: ${safety.message} Writing it needs the user's explicit permission.` });
    }
  }
  let text: string | undefined;
  try {
    text = await files.read(safety.path);
  } catch (err) {
    return new FileState(safety.path, safety, undefined, { failure: 'unreadable', reason: `Cannot read ${safety.path}: ${err instanceof Error ? err.message : String(err)}` });
  }
  if (text !== undefined && text.includes('\u0000')) {
    return new FileState(safety.path, safety, text, { failure: 'binaryFile', reason: `${safety.path} is a binary file; it cannot be edited as text.` });
  }
  return new FileState(safety.path, safety, text);
}

function fail(state: FileState, failure: BlockResult['failure'], reason: string): void {
  state.blocks.push({ path: state.path, index: state.nextIndex(), status: 'failed', failure, reason });
}

function applyEdit(state: FileState, edit: FileEdit): void {
  const count = edit.kind === 'create' ? 1 : edit.kind === 'replace' ? edit.blocks.length : edit.hunks.length;
  if (state.blocked) {
    for (let i = 0; i < count; i++) fail(state, state.blocked.failure, state.blocked.reason);
    return;
  }
  if (edit.kind === 'create') return create(state, edit.content);
  if (edit.kind === 'replace') {
    for (const block of edit.blocks) {
      if (!state.text && block.search.trim() === '') create(state, block.replace);
      else applyBlock(state, unitFromBlock(block));
    }
    return;
  }
  state.drift = 0;
  if (edit.hunks.length > 0 && edit.hunks.every((h) => h.lines.every((l) => l.startsWith('+')))) {
    return create(state, edit.hunks.flatMap((h) => h.lines.map((l) => l.slice(1) + '\n')).join(''));
  }
  let delta = 0;
  for (const hunk of edit.hunks) delta += applyHunk(state, hunk, delta);
}

/** A new file (or an empty existing one); an existing file with content is never rewritten whole. */
function create(state: FileState, content: string): void {
  if (state.text && state.text.toString().replace(/^\uFEFF/, '') !== '') {
    return fail(state, 'fileExists', `${state.path} already exists; a whole-file rewrite of an existing file is refused. Send search/replace blocks or a diff for the lines that change.`);
  }
  const lines = splitLines(content);
  const file = state.text ?? FileText.parse('');
  file.splice(0, file.length, lines);
  state.text = file;
  state.created = state.original === undefined;
  const block: BlockResult = { path: state.path, index: state.nextIndex(), status: 'applied' };
  state.blocks.push(block);
  state.recordSplice(block, 0, 0, lines.length);
}

function applyBlock(state: FileState, unit: ReturnType<typeof unitFromBlock>, expected?: number): ReturnType<typeof applyUnit> | undefined {
  if (!state.text) {
    fail(state, 'fileMissing', `${state.path} does not exist. To create it, send its whole content as a new file.`);
    return undefined;
  }
  const outcome = applyUnit(state.text, unit, expected);
  const index = state.nextIndex();
  if (!outcome.ok) {
    state.blocks.push({ path: state.path, index, status: 'failed', failure: outcome.failure, reason: outcome.reason, nearest: outcome.nearest });
    return outcome;
  }
  const block: BlockResult = { path: state.path, index, status: outcome.fuzzy ? 'appliedFuzzy' : 'applied' };
  if (outcome.note) block.reason = outcome.note;
  state.blocks.push(block);
  state.recordSplice(block, outcome.start, outcome.oldLength, outcome.newLength);
  return outcome;
}

/** Applies one hunk near its header line (shifted by earlier hunks); returns its line count change. */
function applyHunk(state: FileState, hunk: DiffHunk, delta: number): number {
  const unit = unitFromHunk(hunk);
  const expected = unit.hint === undefined ? undefined : unit.hint + delta + state.drift;
  const outcome = applyBlock(state, unit, expected);
  if (!outcome?.ok) return 0;
  if (unit.hint !== undefined) state.drift = outcome.start - (unit.hint + delta);
  return outcome.newLength - outcome.oldLength;
}

function summarize(state: FileState): FileEditResult {
  const after = state.text?.toString() ?? '';
  const reference = state.original !== undefined ? FileText.parse(state.original) : (state.text ?? FileText.parse(''));
  const applied = state.blocks.filter((b) => b.status !== 'failed').length;
  const result: FileEditResult = {
    path: state.path,
    before: state.original,
    after: state.text ? after : (state.original ?? ''),
    change: state.original === undefined ? 'create' : 'modify',
    eol: reference.lineEnding,
    bom: reference.bom,
    finalNewline: reference.finalNewline,
    indentation: detectIndentation(reference.lines).style,
    applied,
    failed: state.blocks.length - applied,
  };
  if (state.safety.reasons.length && !state.blocked) result.unsafe = [...state.safety.reasons];
  return result;
}
