import { proposedNewFile } from '../../core/diff/proposedFile';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { grammarLocator } from '../../core/code/grammarLocator';
import { TreeSitterLoader } from '../../core/code/treeSitterLoader';
import { symbolAtLine } from '../../core/mutate/mutationTarget';
import { summarizeTests } from '../../core/skills/tests/testsSkill';
import type { TestsInput, TestsResult } from '../../core/skills/tests/testsTypes';
import type { EditDecisions } from '../edits/editDecisions';
import type { EditProposals } from '../edits/editProposals';
import type { ChatReferences, SkillPresenter } from './presenter';

/** The file and line the user points at: a chat reference, else the active editor's cursor. */
function pointedAt(references?: ChatReferences): { file: string; line?: number; text?: string } | undefined {
  if (references?.selection) return { file: references.selection.path, line: references.selection.startLine };
  if (references?.files[0]) return { file: references.files[0] };
  const editor = vscode.window.activeTextEditor;
  const doc = editor?.document;
  if (!doc || doc.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(doc.uri)) return undefined;
  return { file: vscode.workspace.asRelativePath(doc.uri, false), line: editor.selection.active.line + 1, text: doc.getText() };
}

function scoreLine(result: TestsResult): string {
  const m = result.mutation;
  if (!m) return `the tests pass on the current code`;
  const gaps = m.survived ? `; ${m.survived} mutant${m.survived === 1 ? '' : 's'} survived (gaps)` : '';
  return `the tests pass; mutation score ${(m.score * 100).toFixed(0)}% (${m.killed} of ${m.total} mutants killed${gaps})`;
}

async function showReport(result: TestsResult): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: summarizeTests(result) });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

export function testsPresenter(proposals: EditProposals, decisions: EditDecisions, grammarAssetDirs: readonly string[]): SkillPresenter<TestsInput, TestsResult> {
  const symbolAt = async (at: { file: string; line?: number; text?: string }, root: string): Promise<string | undefined> => {
    if (!at.line) return undefined;
    const text = at.text ?? (await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(root, at.file))).then((b) => Buffer.from(b).toString('utf8'), () => undefined));
    if (text === undefined) return undefined;
    const loader = new TreeSitterLoader(grammarLocator(grammarAssetDirs));
    try {
      return await symbolAtLine(loader, at.file, text, at.line);
    } catch {
      return undefined;
    } finally {
      loader.dispose();
    }
  };
  const root = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

  /** Shows a passing test file as a proposed new file (diff against nothing) with Accept / Reject. */
  const propose = (result: TestsResult, workspaceRoot: string, recordId?: string) =>
    proposals.add(workspaceRoot, [proposedNewFile(result.testFile, result.content)], recordId);

  return {
    async commandInput() {
      const at = pointedAt();
      if (!at) {
        void vscode.window.showInformationMessage('Atomic Skills: open the file to test and put the cursor in the function or class first.');
        return undefined;
      }
      const symbol = await symbolAt(at, root());
      const behaviour = await vscode.window.showInputBox({
        title: `Atomic Skills: Generate Tests for ${symbol ?? at.file}`,
        prompt: 'What should it do? (optional: Enter to infer it from the code and its comments)',
        ignoreFocusOut: true,
      });
      if (behaviour === undefined) return undefined;
      return { target: at.file, symbol, behaviour: behaviour.trim() || undefined };
    },

    async showCommandResult(result, context, recordId) {
      if (!result.passed) {
        const choice = await vscode.window.showErrorMessage(`Atomic Skills: no tests offered: ${result.failure ?? 'they did not pass on the current code.'}`, 'Show Details');
        if (choice === 'Show Details') await showReport(result);
        return;
      }
      const proposal = propose(result, context.workspace.root, recordId);
      await decisions.review(proposal);
      const choice = await vscode.window.showInformationMessage(`Atomic Skills: ${result.testFile}: ${scoreLine(result)}.`, 'Accept Test File', 'Show Gaps');
      if (choice === 'Accept Test File') await vscode.commands.executeCommand('atomicSkills.acceptAllEdits', proposal.id);
      if (choice === 'Show Gaps') await showReport(result);
    },

    async chatInput(prompt, references) {
      const at = pointedAt(references);
      if (!at) return { target: '', behaviour: prompt.trim() || undefined };
      return { target: at.file, symbol: await symbolAt(at, root()), behaviour: prompt.trim() || undefined };
    },

    renderChat(result, stream, context, recordId) {
      stream.markdown(summarizeTests(result) + '\n');
      if (!result.passed) return;
      const proposal = propose(result, context.workspace.root, recordId);
      stream.button({ command: 'atomicSkills.acceptAllEdits', title: '$(check) Save Test File', arguments: [proposal.id] });
      stream.button({ command: 'atomicSkills.reviewEdits', title: '$(diff) Review', arguments: [proposal.id] });
    },

    toolInvocationMessage(input) {
      return `Writing and running tests for ${input.symbol ? `${input.symbol} in ` : ''}${input.target}`;
    },
  };
}
