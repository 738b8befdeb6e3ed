import { throwIfAborted } from '../errors';
import { type ApplyOptions, applyPlan, type EditFiles } from './applyPlan';
import type { ApplyResult, BlockResult, FileEditResult, ParsedEdits } from './editPlan';
import { repairRequest } from './editReport';
import { FileText } from './fileText';
import { guardFile } from './guardFile';
import { detectIndentation } from './indentation';

export interface RepairOptions extends ApplyOptions {
  /** How many times the model may resend failed blocks (0: none). */
  maxRepairTurns: number;
}

/**
 * Asks the model for corrected blocks: gets the failure report (what failed, the nearest file
 * lines) and the repair turn (1-based); returns its parsed answer, or undefined to give up.
 */
export type RepairRequester = (feedback: string, turn: number) => Promise<ParsedEdits | undefined>;

export interface RepairedApply {
  /** The combined outcome: files from their original text to the text after every turn, all blocks (each with its turn). */
  result: ApplyResult;
  /** How many repair turns were used. */
  repairTurns: number;
}

/**
 * Applies a plan and lets the model repair what failed, a bounded number of times. Blocks that
 * applied are kept (in memory) and each repair applies on top of them; the parse guard judges
 * the end result against the original files, and a guard failure is also offered for repair.
 * `result.ok` means the last attempt applied every block it held and the files still parse.
 * Nothing is written.
 */
export async function applyWithRepairs(first: ParsedEdits, files: EditFiles, requestRepair: RepairRequester, options: RepairOptions): Promise<RepairedApply> {
  const current = new Map<string, string | undefined>();
  const originals = new Map<string, string | undefined>();
  const read = async (p: string) => (current.has(p) ? current.get(p) : files.read(p));
  const blocks: BlockResult[] = [];
  let parsed: ParsedEdits = first;
  let final: ApplyResult;
  for (let turn = 0; ; turn++) {
    throwIfAborted(options.signal);
    const last = await applyPlan(parsed.plan, { root: files.root, read }, { ...options, checker: undefined, problems: parsed.problems });
    for (const b of last.blocks) blocks.push({ ...b, turn });
    for (const f of last.files) {
      if (!originals.has(f.path)) originals.set(f.path, f.before);
      if (f.applied > 0) current.set(f.path, f.after);
    }
    final = await combine(originals, current, blocks, last, options);
    if (final.ok || turn >= options.maxRepairTurns) return { result: final, repairTurns: turn };
    // Blocks failed, or all applied but the result does not parse: show the model what to fix.
    const feedback = repairRequest({ ...final, blocks: final.blocks.filter((b) => b.turn === turn) });
    const next = await requestRepair(feedback, turn + 1);
    if (!next) return { result: final, repairTurns: turn };
    parsed = next;
  }
}

async function combine(originals: Map<string, string | undefined>, current: Map<string, string | undefined>, blocks: BlockResult[], last: ApplyResult, options: ApplyOptions): Promise<ApplyResult> {
  const files: FileEditResult[] = [];
  const finalBlocks = blocks.map((b) => ({ ...b }));
  for (const [path, before] of originals) {
    const after = current.has(path) ? (current.get(path) ?? '') : (before ?? '');
    const reference = FileText.parse(before ?? after);
    const own = finalBlocks.filter((b) => b.path === path);
    const applied = own.filter((b) => b.status !== 'failed').length;
    const f: FileEditResult = {
      path,
      before,
      after,
      change: before === undefined ? 'create' : 'modify',
      eol: reference.lineEnding,
      bom: reference.bom,
      finalNewline: reference.finalNewline,
      indentation: detectIndentation(reference.lines).style,
      applied,
      failed: own.length - applied,
    };
    if (applied > 0 && after !== before) await guardFile(f, own, options);
    files.push(f);
  }
  const ok = last.ok && files.every((f) => !f.rejected);
  return { ok, files, blocks: finalBlocks, problems: last.problems };
}
