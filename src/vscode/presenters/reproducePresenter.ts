import { proposedNewFile } from '../../core/diff/proposedFile';
import * as vscode from 'vscode';
import { formatCommandLine } from '../../core/run/commandLine';
import { summarizeReproduction } from '../../core/skills/reproduce/reproduceSkill';
import type { ReproduceInput, ReproductionResult } from '../../core/skills/reproduce/reproduceTypes';
import type { EditProposals } from '../edits/editProposals';
import type { EditDecisions } from '../edits/editDecisions';
import type { SkillPresenter } from './presenter';
import { askForTask } from './taskInput';

async function showDetails(result: ReproductionResult): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: summarizeReproduction(result) });
  await vscode.window.showTextDocument(doc, { preview: true });
}

export function reproducePresenter(proposals: EditProposals, decisions: EditDecisions): SkillPresenter<ReproduceInput, ReproductionResult> {
  /** The script as a proposed new file, so keeping it is the same Accept as any edit. */
  const propose = (result: ReproductionResult, root: string, recordId?: string) =>
    result.script ? proposals.add(root, [proposedNewFile(result.script.path, result.script.content)], recordId) : undefined;

  return {
    async commandInput() {
      const issue = await askForTask('Atomic Skills: Reproduce Issue', 'Paste the issue: what goes wrong, with the error or output you see');
      return issue ? { issue } : undefined;
    },

    async showCommandResult(result, context, recordId) {
      if (!result.reproduced) {
        const choice = await vscode.window.showWarningMessage(`Atomic Skills: not reproduced: ${result.failure ?? 'the script did not fail as the issue describes.'}`, 'Show Details');
        if (choice === 'Show Details') await showDetails(result);
        return;
      }
      const choice = await vscode.window.showInformationMessage(
        `Atomic Skills: reproduced: ${formatCommandLine(result.command ?? [])} fails on the current code as the issue describes.`,
        'Keep Script',
        'Show Details',
      );
      if (choice === 'Show Details') await showDetails(result);
      if (choice === 'Keep Script') {
        const proposal = propose(result, context.workspace.root, recordId);
        if (proposal) await decisions.accept(proposal, proposal.files);
      }
    },

    chatInput(prompt) {
      return { issue: prompt };
    },

    renderChat(result, stream, context, recordId) {
      stream.markdown(summarizeReproduction(result) + '\n');
      const proposal = result.reproduced ? propose(result, context.workspace.root, recordId) : undefined;
      if (proposal) stream.button({ command: 'atomicSkills.acceptAllEdits', title: '$(save) Keep Script', arguments: [proposal.id] });
    },

    toolInvocationMessage() {
      return 'Writing and running a reproduction of the issue';
    },
  };
}
