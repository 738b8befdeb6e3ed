import { writeFilesAtomically } from '../cli/atomicWriter';
import { checkedWrite } from '../cli/checkedWrites';
import type { ProposedFile } from '../core/diff/proposedFile';
import { classifyEditPath } from '../core/edits/pathSafety';
import { AtomicError, errorMessage } from '../core/errors';
import { unifiedPatch } from '../core/workflows/workflowRunner';

/** A long session's memory bound: the open proposals kept, the oldest dropped past it. */
export const maxOpenProposals = 50;

/** Files a tool call proposed, kept for the session until apply_proposal writes them. */
export interface Proposal {
  id: string;
  /** The tool that made it. */
  tool: string;
  root: string;
  files: ProposedFile[];
  /** The files' diffs as one patch. */
  patch: string;
  /** The preference records of the runs that made it (labelled accepted when applied). */
  recordIds: string[];
}

/** What a tool result says about its proposal. */
export interface ProposalSummary {
  id: string;
  files: Array<{ path: string; change: ProposedFile['change'] }>;
  patch: string;
}

export function proposalSummary(p: Proposal): ProposalSummary {
  return { id: p.id, files: p.files.map((f) => ({ path: f.path, change: f.change })), patch: p.patch };
}

/**
 * The proposals of one MCP session, in memory only. Applying writes exactly the proposed files,
 * all or nothing, and only when each file on disk is still the bytes the proposal was made from
 * (a new file must still be absent) and still leads to a file inside the workspace (a folder
 * may have become a symbolic link since); a proposal is applied at most once. Applies run one at
 * a time, so each one's check sees what the one before it wrote.
 */
export class ProposalStore {
  private readonly proposals = new Map<string, Proposal>();
  private next = 1;
  private applying: Promise<unknown> = Promise.resolve();

  /**
   * `maxOpen`: proposals kept at once (each holds its files' texts); past it the oldest is dropped
   * and handed to `dropped` (its records get their not-taken label then, not at the session's end).
   */
  constructor(
    private readonly dropped: (proposal: Proposal) => void = () => undefined,
    private readonly maxOpen = maxOpenProposals,
  ) {}

  add(tool: string, root: string, files: ProposedFile[], recordIds: string[]): Proposal {
    const proposal: Proposal = { id: `proposal-${this.next++}`, tool, root, files, patch: unifiedPatch(files), recordIds };
    this.proposals.set(proposal.id, proposal);
    for (const [id, oldest] of this.proposals) {
      if (this.proposals.size <= this.maxOpen) break;
      this.proposals.delete(id);
      this.dropped(oldest);
    }
    return proposal;
  }

  /** Proposals never applied (for the not-taken labels at the session's end). */
  pending(): Proposal[] {
    return [...this.proposals.values()];
  }

  apply(id: string): Promise<Proposal> {
    const applied = this.applying.then(() => this.applyNow(id));
    this.applying = applied.catch(() => undefined);
    return applied;
  }

  private async applyNow(id: string): Promise<Proposal> {
    const proposal = this.proposals.get(id);
    if (!proposal) {
      const known = [...this.proposals.keys()];
      throw new AtomicError('usage', `There is no proposal ${JSON.stringify(id)} in this session${known.length ? ` (open: ${known.join(', ')})` : ''}; an applied proposal cannot be applied again, and only the newest ${this.maxOpen} are kept.`);
    }
    let writes;
    try {
      for (const f of proposal.files) {
        const safety = await classifyEditPath(proposal.root, f.path);
        if (safety.reasons.length) throw new AtomicError('outsideWorkspace', `Refused: ${safety.message} Nothing written.`);
      }
      writes = proposal.files.map((f) => checkedWrite(proposal.root, f, `proposal ${id} waited`));
    } catch (err) {
      const reason = err instanceof AtomicError ? err.reason : 'editNotApplied';
      throw new AtomicError(reason, `${errorMessage(err)} Call ${proposal.tool} again for a proposal made from the files as they are now.`);
    }
    await writeFilesAtomically(writes);
    this.proposals.delete(id);
    return proposal;
  }
}
