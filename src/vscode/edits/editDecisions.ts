import * as vscode from 'vscode';
import type { FeedbackRecorder } from '../../core/feedback/feedbackRecorder';
import type { Label } from '../../core/feedback/feedbackTypes';
import { localizationCheckLabel } from '../../core/feedback/localizationCheck';
import { applyChosenHunks, changeCounts, minimalReplacement, proposalHunks } from '../../core/edits/proposalHunks';
import type { SurvivalTracker } from '../feedback/survivalTracker';
import type { EditProposal, EditProposals, ProposedFile } from './editProposals';
import { writeAccepted } from './writeProposal';

const firstLine = (text: string) => text.split(/\r?\n/)[0].trim();

/** "+3 −1" for a file's proposal. */
export function describeCounts(file: { before?: string; after: string }): string {
  const { added, removed } = changeCounts(file.before ?? '', file.after);
  return `+${added} −${removed}`;
}

/**
 * What the user decides about a proposal: accept or reject files, choose hunks, review diffs.
 * Every decision writes at most one WorkspaceEdit and becomes an accepted/rejected label on the
 * run's preference record; accepted text is tracked for survival.
 */
export class EditDecisions {
  constructor(
    private readonly proposals: EditProposals,
    private readonly recorder: FeedbackRecorder,
    private readonly survival: SurvivalTracker,
  ) {}

  /** Opens a file's proposal as a diff: the file (or nothing, for a new file) against the proposed text. */
  async openDiff(proposal: EditProposal, file: ProposedFile, preserveFocus = false): Promise<void> {
    const left = file.before === undefined ? this.proposals.proposedUri(proposal, file, 'before') : file.uri;
    const title = `${file.path} ↔ proposed edit (${describeCounts(file)})`;
    await vscode.commands.executeCommand('vscode.diff', left, this.proposals.proposedUri(proposal, file), title, { preview: false, preserveFocus });
  }

  /** Opens the diff of every undecided file; the first one ends up in front. */
  async review(proposal: EditProposal): Promise<void> {
    const pending = proposal.files.filter((f) => f.state === 'pending');
    for (const file of [...pending].reverse()) await this.openDiff(proposal, file);
  }

  async accept(proposal: EditProposal, files: readonly ProposedFile[]): Promise<ProposedFile[]> {
    const pending = files.filter((f) => f.state === 'pending');
    if (!pending.length) return [];
    await writeAccepted(pending.map((file) => ({ file, from: file.before, to: file.after })));
    for (const file of pending) {
      const accepted = minimalReplacement(file.before ?? '', file.after).text;
      file.before = file.after;
      file.state = 'accepted';
      await this.label(proposal, { kind: 'accepted', target: file.path });
      this.survival.track(proposal.recordId, file.uri, accepted);
    }
    await this.settle(proposal, pending);
    return pending;
  }

  async reject(proposal: EditProposal, files: readonly ProposedFile[]): Promise<ProposedFile[]> {
    const pending = files.filter((f) => f.state === 'pending');
    for (const file of pending) {
      file.state = 'rejected';
      await this.label(proposal, { kind: 'rejected', target: file.path });
    }
    await this.settle(proposal, pending);
    return pending;
  }

  /**
   * Lets the user tick the hunks of one file to keep (all ticked at first); the ticked ones are
   * written, the others dropped, each labelled `path:line`. Undefined when the pick is cancelled.
   */
  async chooseHunks(proposal: EditProposal, file: ProposedFile): Promise<{ accepted: number; rejected: number } | undefined> {
    if (file.state !== 'pending') return { accepted: 0, rejected: 0 };
    const before = file.before ?? '';
    const hunks = proposalHunks(before, file.after);
    const items = hunks.map((h, index) => ({
      index,
      label: `Line ${h.beforeLine}: ${h.removed ? `−${firstLine(h.removed)}` : ''}${h.removed && h.added ? '  ' : ''}${h.added ? `+${firstLine(h.added)}` : ''}`,
      description: describeCounts({ before: h.removed, after: h.added }),
      picked: true,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: `Keep which changes to ${file.path}?`,
      placeHolder: 'Ticked changes are written; unticked ones are dropped',
    });
    if (!picked) return undefined;
    const chosen = new Set(picked.map((p) => p.index));
    const to = applyChosenHunks(before, file.after, chosen);
    if (chosen.size) await writeAccepted([{ file, from: file.before, to }]);
    for (const [index, h] of hunks.entries()) {
      const kind = chosen.has(index) ? 'accepted' : 'rejected';
      await this.label(proposal, { kind, target: `${file.path}:${h.beforeLine}` });
    }
    const acceptedText = hunks.filter((_, i) => chosen.has(i)).map((h) => h.added).join('');
    if (acceptedText) this.survival.track(proposal.recordId, file.uri, acceptedText);
    file.state = chosen.size === hunks.length ? 'accepted' : chosen.size ? 'partlyAccepted' : 'rejected';
    file.before = chosen.size ? to : file.before;
    file.after = to;
    await this.settle(proposal, [file]);
    return { accepted: chosen.size, rejected: hunks.length - chosen.size };
  }

  /** Labels the proposal's record and every related one (a workflow's steps). */
  private async label(proposal: EditProposal, label: Label): Promise<void> {
    for (const id of [proposal.recordId, ...(proposal.relatedRecordIds ?? [])]) if (id) await this.recorder.label(id, label);
  }

  /** Closes the decided files' diff tabs and updates the proposal documents and context keys. */
  private async settle(proposal: EditProposal, files: readonly ProposedFile[]): Promise<void> {
    const uris = new Set(files.map((f) => this.proposals.proposedUri(proposal, f).toString()));
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && uris.has(t.input.modified.toString()));
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    for (const f of files) this.proposals.refresh(proposal, f);
    await this.labelLocalization(proposal);
  }

  /** When the last file of a proposal is decided, the localization it followed gets its check: the files that changed. */
  private async labelLocalization(proposal: EditProposal): Promise<void> {
    const loc = proposal.localization;
    if (!loc || loc.labelled || proposal.files.some((f) => f.state === 'pending')) return;
    loc.labelled = true;
    const changed = proposal.files.filter((f) => f.state === 'accepted' || f.state === 'partlyAccepted').map((f) => f.path);
    await this.recorder.label(loc.recordId, localizationCheckLabel(loc.committed, changed));
  }
}
