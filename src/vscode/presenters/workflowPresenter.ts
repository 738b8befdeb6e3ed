import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LocalizationResult } from '../../core/skills/localize/localizeTypes';
import type { SkillOrWorkflow } from '../../core/skills/skillTypes';
import { stepLine } from '../../core/workflows/workflowSummary';
import type { WorkflowInput } from '../../core/workflows/workflowSkill';
import type { WorkflowResult } from '../../core/workflows/workflowTypes';
import type { EditDecisions } from '../edits/editDecisions';
import type { EditProposals } from '../edits/editProposals';
import type { SkillPresenter } from './presenter';
import { askForTask } from './taskInput';

const isLocalization = (record: WorkflowResult['steps'][number]) => record.skill === 'localize' && record.status === 'passed';

/** The final patch as a proposal (Apply / Review / Reject), tied to the steps' records and to the localization it learns from. */
function propose(proposals: EditProposals, root: string, result: WorkflowResult) {
  if (result.status !== 'succeeded' || !result.files.length) return undefined;
  const recordIds = result.steps.flatMap((s) => (s.recordId ? [s.recordId] : []));
  const proposal = proposals.add(root, result.files, undefined, recordIds);
  const localize = [...result.steps].reverse().find((s) => isLocalization(s) && s.recordId);
  if (localize?.recordId) proposal.localization = { recordId: localize.recordId, committed: (localize.output as LocalizationResult).committed };
  return proposal;
}

/** Every workflow in VS Code: the task in, each step's check, then the patch as a proposal. */
export function workflowPresenter(
  workflow: Pick<SkillOrWorkflow<WorkflowInput, WorkflowResult>, 'title' | 'summarize'>,
  proposals: EditProposals,
  decisions: EditDecisions,
): SkillPresenter<WorkflowInput, WorkflowResult> {
  const { title } = workflow;
  return {
    async commandInput() {
      const issue = await askForTask(`Atomic Skills: ${title}`, 'Describe the task or paste the issue');
      return issue ? { issue } : undefined;
    },

    async showCommandResult(result, context) {
      const showSteps = async () => {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: workflow.summarize(result) });
        await vscode.window.showTextDocument(doc, { preview: true });
      };
      const proposal = propose(proposals, context.workspace.root, result);
      if (!proposal) {
        const choice = await vscode.window.showWarningMessage(`Atomic Skills: ${title} ${result.status}${result.failedStep ? ` at the ${result.failedStep} step` : ''}; nothing was written.`, 'Show Steps');
        if (choice === 'Show Steps') await showSteps();
        return;
      }
      await decisions.review(proposal);
      const choice = await vscode.window.showInformationMessage(
        `Atomic Skills: ${title} done: ${result.steps.filter((s) => s.status === 'passed').length} checks passed; patch for ${proposal.files.map((f) => f.path).join(', ')}.`,
        'Accept All',
        'Reject All',
        'Show Steps',
      );
      if (choice === 'Accept All') await vscode.commands.executeCommand('atomicSkills.acceptAllEdits', proposal.id);
      if (choice === 'Reject All') await vscode.commands.executeCommand('atomicSkills.rejectAllEdits', proposal.id);
      if (choice === 'Show Steps') await showSteps();
    },

    chatInput(prompt) {
      return { issue: prompt };
    },

    // The steps' checks are written once at the end (chat folds markdown interleaved with the run's progress lines into a collapsed group).
    renderChat(result, stream, context) {
      const root = context.workspace.root;
      for (const record of result.steps) {
        stream.markdown(`- ${stepLine(record)}`);
        if (isLocalization(record)) {
          for (const file of (record.output as LocalizationResult).committed) {
            stream.markdown(' ');
            stream.anchor(vscode.Uri.file(path.join(root, file)), file);
          }
        }
        stream.markdown('\n');
      }
      stream.markdown('\n');
      if (result.status !== 'succeeded') {
        stream.markdown(`**${title}: ${result.status}${result.failedStep ? ` at the ${result.failedStep} step` : ''}.** Nothing was written.\n`);
        return;
      }
      const proposal = propose(proposals, root, result);
      if (!proposal) {
        stream.markdown(`**${title}: done**, with no change to propose.\n`);
        return;
      }
      stream.markdown(`**${title}: done.** The patch is proposed; nothing is written until you apply it.\n\n\`\`\`diff\n${result.patch.trimEnd()}\n\`\`\`\n`);
      stream.button({ command: 'atomicSkills.acceptAllEdits', title: '$(check) Apply Patch', arguments: [proposal.id] });
      stream.button({ command: 'atomicSkills.reviewEdits', title: '$(diff) Review Diffs', arguments: [proposal.id] });
      stream.button({ command: 'atomicSkills.rejectAllEdits', title: '$(discard) Reject', arguments: [proposal.id] });
    },

    toolInvocationMessage() {
      return `Running the ${title} workflow`;
    },
  };
}
