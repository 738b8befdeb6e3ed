import * as vscode from 'vscode';
import type { FeedbackRecorder } from '../core/feedback/feedbackRecorder';
import { guarded } from './errors';
import type { SurvivalTracker } from './feedback/survivalTracker';
import type { FindingThread, ReviewComments } from './reviewComments';

const target = (thread: FindingThread) => (thread.finding ? `${thread.finding.file}:${thread.finding.line}` : undefined);

/** The actions on a review comment thread: apply its suggested replacement, or dismiss it. */
export function registerFindingActions(comments: ReviewComments, recorder: FeedbackRecorder, survival: SurvivalTracker): vscode.Disposable[] {
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
        const replacement = finding.suggestion.replace(/\r?\n/g, eol).replace(/(\r?\n)$/, '');
        edit.replace(thread.uri, range, replacement);
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not apply the suggestion to ${finding.file}.`);
        comments.remove(thread);
        await recorder.label(thread.recordId, { kind: 'accepted', target: target(thread) });
        survival.track(thread.recordId, thread.uri, replacement);
      }),
    ),
    vscode.commands.registerCommand('atomicSkills.dismissFinding', async (thread: FindingThread) => {
      if (!thread) return;
      comments.remove(thread);
      await recorder.label(thread.recordId, { kind: 'rejected', target: target(thread) });
    }),
  ];
}
