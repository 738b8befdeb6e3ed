import type { BlockResult } from './editPlan';
import { FileText } from './fileText';
import type { PathSafety } from './pathSafety';

/** One file while a plan is applied to it: original text, current text, per-block outcomes. */
export class FileState {
  /** Current lines; undefined while the file does not exist. */
  text: FileText | undefined;
  created = false;
  readonly blocks: BlockResult[] = [];
  /** Where each applied block's new text is now (0-based start, length), kept up to date across splices. */
  private readonly ranges: Array<{ block: BlockResult; start: number; length: number }> = [];
  /** Per-hunk line drift of the diff edit being applied (found line minus the header's). */
  drift = 0;

  constructor(
    readonly path: string,
    readonly safety: PathSafety,
    readonly original: string | undefined,
    /** Why no block may touch this file (unsafe and refused, unreadable, binary), if so. */
    readonly blocked?: { failure: 'unsafePath' | 'unreadable' | 'binaryFile'; reason: string },
  ) {
    this.text = original === undefined ? undefined : FileText.parse(original);
  }

  nextIndex(): number {
    return this.blocks.length;
  }

  /** Records a splice of the current text and the block that made it. */
  recordSplice(block: BlockResult, start: number, oldLength: number, newLength: number): void {
    const delta = newLength - oldLength;
    for (const r of this.ranges) {
      if (r.start >= start + oldLength) r.start += delta;
      else if (r.start + r.length > start) r.length = Math.max(0, r.length + delta);
    }
    this.ranges.push({ block, start, length: newLength });
  }

  /** Sets each applied block's 1-based range in the final text. */
  finishRanges(): void {
    for (const r of this.ranges) r.block.range = { start: r.start + 1, end: r.start + r.length };
  }
}
