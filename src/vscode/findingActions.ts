import * as vscode from 'vscode';
import { guarded } from './errors';
import type { FindingThread, ReviewComments } from './reviewComments';

/** The actions on a review comment thread: apply its suggested replacement, or dismiss it. */
export function registerFindingActions(comments: ReviewComments): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      'atomicSkills.applyFindingSuggestion',
      guarded('Apply Suggestion', async (thread: FindingThread) => {
        const finding = thread?.finding;
        if (!finding || finding.suggestion === undefined || !thread.range) return;
        const doc = await vscode.workspace.openTextDocument(thread.uri);
        const first = thread.range.start.line;
        const last = Math.min(thread.range.end.line, doc.lineCount - 1);
        const range = new vscode.Range(first, 0, last, doc.lineAt(last).text.length);
        const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
        const edit = new vscode.WorkspaceEdit();
        edit.replace(thread.uri, range, finding.suggestion.replace(/\r?\n/g, eol).replace(/(\r?\n)$/, ''));
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not apply the suggestion to ${finding.file}.`);
        comments.remove(thread);
      }),
    ),
    vscode.commands.registerCommand('atomicSkills.dismissFinding', (thread: FindingThread) => {
      if (thread) comments.remove(thread);
    }),
  ];
}
