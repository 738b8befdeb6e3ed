import * as vscode from 'vscode';
import { guarded } from '../errors';
import type { EditDecisions } from './editDecisions';
import type { EditProposal, EditProposals, ProposedFile } from './editProposals';

/** From an editor title button: the diff's proposed side; from the palette: the active editor. */
function fileFrom(proposals: EditProposals, arg: unknown): { proposal: EditProposal; file: ProposedFile } | undefined {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return uri ? proposals.find(uri) : undefined;
}

/** From a chat button: the proposal id; otherwise the newest proposal with undecided files. */
function proposalFrom(proposals: EditProposals, arg: unknown): EditProposal | undefined {
  return typeof arg === 'string' ? proposals.get(arg) : proposals.latestPending();
}

async function noProposal(what: string): Promise<void> {
  await vscode.window.showInformationMessage(`Atomic Skills: no undecided edit ${what}.`);
}

function report(kind: 'Accepted' | 'Rejected', files: readonly ProposedFile[]): void {
  if (files.length) void vscode.window.setStatusBarMessage(`Atomic Skills: ${kind.toLowerCase()} the edit to ${files.map((f) => f.path).join(', ')}`, 5000);
}

/** The accept/reject/review commands of proposed edits (editor title buttons, chat buttons, palette). */
export function registerEditCommands(proposals: EditProposals, decisions: EditDecisions): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      'atomicSkills.acceptFileEdit',
      guarded('Accept Edit', async (arg?: unknown) => {
        const found = fileFrom(proposals, arg);
        if (!found) return noProposal('in this editor');
        report('Accepted', await decisions.accept(found.proposal, [found.file]));
      }),
    ),
    vscode.commands.registerCommand(
      'atomicSkills.rejectFileEdit',
      guarded('Reject Edit', async (arg?: unknown) => {
        const found = fileFrom(proposals, arg);
        if (!found) return noProposal('in this editor');
        report('Rejected', await decisions.reject(found.proposal, [found.file]));
      }),
    ),
    vscode.commands.registerCommand(
      'atomicSkills.chooseEditHunks',
      guarded('Choose Changes', async (arg?: unknown) => {
        const found = fileFrom(proposals, arg);
        if (!found) return noProposal('in this editor');
        await decisions.chooseHunks(found.proposal, found.file);
      }),
    ),
    vscode.commands.registerCommand(
      'atomicSkills.acceptAllEdits',
      guarded('Accept All Edits', async (arg?: unknown) => {
        const proposal = proposalFrom(proposals, arg);
        if (!proposal) return noProposal('to accept');
        const accepted = await decisions.accept(proposal, proposal.files);
        if (!accepted.length) return noProposal('left in this proposal');
        report('Accepted', accepted);
      }),
    ),
    vscode.commands.registerCommand(
      'atomicSkills.rejectAllEdits',
      guarded('Reject All Edits', async (arg?: unknown) => {
        const proposal = proposalFrom(proposals, arg);
        if (!proposal) return noProposal('to reject');
        report('Rejected', await decisions.reject(proposal, proposal.files));
      }),
    ),
    vscode.commands.registerCommand(
      'atomicSkills.reviewEdits',
      guarded('Review Edits', async (arg?: unknown) => {
        const proposal = proposalFrom(proposals, arg);
        if (!proposal || !proposal.files.some((f) => f.state === 'pending')) return noProposal('to review');
        await decisions.review(proposal);
      }),
    ),
  ];
}
