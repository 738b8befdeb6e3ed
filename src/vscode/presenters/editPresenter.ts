import * as path from 'node:path';
import * as vscode from 'vscode';
import { proposedFiles } from '../../core/skills/edit/editSkill';
import type { EditInput, EditResult } from '../../core/skills/edit/editTypes';
import { summarizeEdit } from '../../core/skills/edit/summarizeEdit';
import { describeCounts, type EditDecisions } from '../edits/editDecisions';
import type { EditProposal, EditProposals } from '../edits/editProposals';
import type { LocalizationView } from '../localizationView';
import type { SkillPresenter } from './presenter';

/** The active editor's file relative to its workspace folder, and its selection when there is one. */
function activeTarget(): Pick<EditInput, 'files' | 'selection'> & { label?: string } {
  const editor = vscode.window.activeTextEditor;
  const doc = editor?.document;
  if (!editor || !doc || doc.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(doc.uri)) return {};
  const rel = vscode.workspace.asRelativePath(doc.uri, false);
  if (editor.selection.isEmpty) return { files: [rel], label: rel };
  const { start, end } = editor.selection;
  // A selection ending at column 0 does not include that line.
  const endLine = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
  return { selection: { path: rel, startLine: start.line + 1, endLine }, label: `${rel}:${start.line + 1}-${endLine}` };
}

/** A file's diff from its first hunk on: the ===/---/+++ header lines repeat what the anchor says. */
function hunksOnly(diff: string): string {
  const lines = diff.split('\n');
  const first = lines.findIndex((l) => l.startsWith('@@'));
  return lines.slice(first < 0 ? 0 : first).join('\n').trimEnd();
}

function failureMessage(result: EditResult): string {
  const failed = result.blocks.filter((b) => b.status === 'failed').length;
  const rejected = result.files.filter((f) => f.rejected).map((f) => f.path);
  if (rejected.length) return `the edit would break ${rejected.join(', ')} (parse check); nothing was changed.`;
  if (failed) return `${failed} of ${result.blocks.length} edit block(s) did not apply after ${result.repairTurns} repair turn(s); nothing was changed.`;
  return `the model's reply held no usable edit; nothing was changed.`;
}

async function showReport(result: EditResult): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: summarizeEdit(result) });
  await vscode.window.showTextDocument(doc, { preview: true });
}

export function editPresenter(proposals: EditProposals, decisions: EditDecisions, localization: LocalizationView): SkillPresenter<EditInput, EditResult> {
  /** The localization the last command's edit follows (its files were the target), for its check label. */
  let followed: EditProposal['localization'];
  return {
    async commandInput() {
      let target: ReturnType<typeof activeTarget> = activeTarget();
      const committed = localization.current?.committed ?? [];
      followed = undefined;
      if (!target.label && committed.length) {
        target = { files: committed, label: committed.join(', ') };
        if (localization.recordId) followed = { recordId: localization.recordId, committed };
      }
      const instruction = await vscode.window.showInputBox({
        title: 'Atomic Skills: Edit',
        prompt: target.label ? `Describe the change to ${target.label}` : 'Describe the change (no file open: the model finds the files)',
        placeHolder: 'e.g. handle an empty list by returning 0',
        ignoreFocusOut: true,
      });
      if (!instruction?.trim()) return undefined;
      return { instruction: instruction.trim(), files: target.files, selection: target.selection };
    },

    async showCommandResult(result, context, recordId) {
      if (!result.ok) {
        const choice = await vscode.window.showErrorMessage(`Atomic Skills: ${failureMessage(result)}`, 'Show Report');
        if (choice === 'Show Report') await showReport(result);
        return;
      }
      const files = proposedFiles(result);
      if (!files.length) {
        void vscode.window.showInformationMessage('Atomic Skills: the model proposed no change.');
        return;
      }
      const proposal = proposals.add(context.workspace.root, files, recordId);
      proposal.localization = followed;
      await decisions.review(proposal);
      const counts = proposal.files.map((f) => `${f.path} (${describeCounts(f)})`).join(', ');
      const choice = await vscode.window.showInformationMessage(
        `Atomic Skills: edit ready for ${counts}. Accept or reject each file from its diff's title bar, or all at once.`,
        'Accept All',
        'Reject All',
      );
      if (choice === 'Accept All') await vscode.commands.executeCommand('atomicSkills.acceptAllEdits', proposal.id);
      if (choice === 'Reject All') await vscode.commands.executeCommand('atomicSkills.rejectAllEdits', proposal.id);
    },

    chatInput(prompt, references) {
      const attached = references.files.length || references.selection ? { files: references.files, selection: references.selection } : activeTarget();
      return { instruction: prompt.trim(), files: attached.files, selection: attached.selection };
    },

    renderChat(result, stream, context, recordId) {
      const files = result.ok ? proposedFiles(result) : [];
      if (!result.ok || !files.length) {
        stream.markdown(result.ok ? 'The model proposed no change.\n' : summarizeEdit(result) + '\n');
        return;
      }
      const proposal = proposals.add(context.workspace.root, files, recordId);
      const applied = result.blocks.filter((b) => b.status !== 'failed').length;
      stream.markdown(`**Edit ready:** ${applied} block(s) in ${files.length} file(s)${result.repairTurns ? `, after ${result.repairTurns} repair turn(s)` : ''}. Nothing is written until you apply it.\n\n`);
      for (const f of proposal.files) {
        stream.anchor(vscode.Uri.file(path.resolve(context.workspace.root, f.path)), f.path);
        stream.markdown(` ${f.change === 'create' ? 'new file, ' : ''}${describeCounts(f)}\n\n`);
        stream.markdown('```diff\n' + hunksOnly(files.find((e) => e.path === f.path)?.diff ?? '') + '\n```\n\n');
      }
      stream.button({ command: 'atomicSkills.acceptAllEdits', title: '$(check) Apply', arguments: [proposal.id] });
      stream.button({ command: 'atomicSkills.reviewEdits', title: '$(diff) Review Diffs', arguments: [proposal.id] });
      stream.button({ command: 'atomicSkills.rejectAllEdits', title: '$(discard) Discard', arguments: [proposal.id] });
    },

    toolInvocationMessage(input) {
      const where = input.selection ? `${input.selection.path}:${input.selection.startLine}-${input.selection.endLine}` : (input.files ?? []).join(', ');
      return `Editing ${where || 'the workspace'}`;
    },

    toolAction: {
      confirmation(result) {
        const files = proposedFiles(result);
        if (!files.length) return undefined;
        // Outside a chat the confirmation is a plain dialog: the text must read well unrendered too.
        const list = files.map((f) => `${f.path} ${f.change === 'create' ? '(new file) ' : ''}${describeCounts(f)}`).join('\n');
        const diffs = files.map((f) => `${f.path}\n` + '```diff\n' + hunksOnly(f.diff) + '\n```').join('\n\n');
        return {
          title: `Apply the edit to ${files.length} file${files.length === 1 ? '' : 's'}?`,
          message: new vscode.MarkdownString(`${list}\n\n${diffs}`),
        };
      },
      async apply(result, context, recordId) {
        const files = proposedFiles(result);
        if (!files.length) return result.ok ? 'The model proposed no change; nothing was written.' : `Not applied: ${failureMessage(result)}`;
        const proposal = proposals.add(context.workspace.root, files, recordId);
        const written = await decisions.accept(proposal, proposal.files);
        return `Wrote ${written.map((f) => `${f.path} (${describeCounts({ before: files.find((e) => e.path === f.path)?.before, after: f.after })})`).join(', ')}.`;
      },
    },
  };
}
