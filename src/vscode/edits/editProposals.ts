import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProposedFile as ProposedChange } from '../../core/diff/proposedFile';

/** Proposed content is served under this scheme; the diff editor shows it against the file. */
export const proposalScheme = 'atomic-skills-edit';

export type ProposedFileState = 'pending' | 'accepted' | 'partlyAccepted' | 'rejected';

/** One file of a proposal; `before`/`after` move as hunks are accepted or rejected. */
export interface ProposedFile {
  path: string;
  uri: vscode.Uri;
  change: 'create' | 'modify';
  /** What the file holds (or held when proposed; undefined: it does not exist). */
  before: string | undefined;
  /** What the proposal would make it. */
  after: string;
  state: ProposedFileState;
  /** Hunks taken so far, for the final state. */
  hunksAccepted: number;
}

export interface EditProposal {
  id: string;
  recordId?: string;
  /** Further records the decision labels too (every step of a workflow). */
  relatedRecordIds?: string[];
  /** The localization the edit followed: once every file is decided, its record learns which files really changed. */
  localization?: { recordId: string; committed: string[]; labelled?: boolean };
  root: string;
  files: ProposedFile[];
}

let counter = 0;

/**
 * The edits proposed and not yet decided, and a read-only document per proposed file (what the
 * diff editor shows on its right side). Nothing here writes to the workspace.
 */
export class EditProposals implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, EditProposal>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(proposalScheme, this);

  add(root: string, files: readonly ProposedChange[], recordId?: string, relatedRecordIds?: string[]): EditProposal {
    const id = `p${Date.now().toString(36)}${(counter++).toString(36)}`;
    const proposal: EditProposal = {
      id,
      recordId,
      ...(relatedRecordIds?.length ? { relatedRecordIds } : {}),
      root,
      files: files.map((f) => ({
        path: f.path,
        uri: vscode.Uri.file(path.resolve(root, f.path)),
        change: f.change,
        before: f.before,
        after: f.after,
        state: 'pending',
        hunksAccepted: 0,
      })),
    };
    this.proposals.set(id, proposal);
    void this.updateContext();
    return proposal;
  }

  get(id: string): EditProposal | undefined {
    return this.proposals.get(id);
  }

  /** The newest proposal with an undecided file. */
  latestPending(): EditProposal | undefined {
    return [...this.proposals.values()].reverse().find((p) => p.files.some((f) => f.state === 'pending'));
  }

  all(): EditProposal[] {
    return [...this.proposals.values()];
  }

  pending(): EditProposal[] {
    return [...this.proposals.values()].filter((p) => p.files.some((f) => f.state === 'pending'));
  }

  /** The right side of a file's diff: the proposed text. `side=before` gives an empty left side for new files. */
  proposedUri(proposal: EditProposal, file: ProposedFile, side: 'after' | 'before' = 'after'): vscode.Uri {
    return vscode.Uri.from({ scheme: proposalScheme, path: '/' + file.path, query: new URLSearchParams({ id: proposal.id, side }).toString() });
  }

  /** The proposal and file a proposal document (or the real file of a pending proposal) belongs to. */
  find(uri: vscode.Uri): { proposal: EditProposal; file: ProposedFile } | undefined {
    if (uri.scheme === proposalScheme) {
      const proposal = this.proposals.get(new URLSearchParams(uri.query).get('id') ?? '');
      const file = proposal?.files.find((f) => '/' + f.path === uri.path);
      return proposal && file ? { proposal, file } : undefined;
    }
    for (const proposal of [...this.proposals.values()].reverse()) {
      const file = proposal.files.find((f) => f.state === 'pending' && f.uri.toString() === uri.toString());
      if (file) return { proposal, file };
    }
    return undefined;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const found = this.find(uri);
    if (!found) return '';
    return new URLSearchParams(uri.query).get('side') === 'before' ? (found.file.before ?? '') : found.file.after;
  }

  /** Tells open proposal documents that a file's proposed text or state changed. */
  refresh(proposal: EditProposal, file: ProposedFile): void {
    this.changed.fire(this.proposedUri(proposal, file));
    this.changed.fire(this.proposedUri(proposal, file, 'before'));
    void this.updateContext();
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'atomicSkills.hasPendingEdits', this.pending().length > 0);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
