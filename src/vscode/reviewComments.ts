import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewFinding, ReviewResult } from '../core/skills/review/reviewTypes';

export interface FindingThread extends vscode.CommentThread {
  finding?: ReviewFinding;
  /** The review's preference record, for accepted/rejected labels. */
  recordId?: string;
}

/** Shows review findings as comment threads on the changed lines. */
export class ReviewComments implements vscode.Disposable {
  private readonly controller = vscode.comments.createCommentController('atomicSkills.review', 'Atomic Skills Review');
  private threads: FindingThread[] = [];

  constructor() {
    this.controller.options = { placeHolder: 'Findings are read-only', prompt: '' };
  }

  get current(): readonly FindingThread[] {
    return this.threads;
  }

  clear(): void {
    this.threads.forEach((t) => t.dispose());
    this.threads = [];
  }

  show(result: ReviewResult, root: string, recordId?: string): FindingThread[] {
    this.clear();
    for (const finding of result.findings) {
      const uri = vscode.Uri.file(path.join(root, finding.file));
      const end = Math.max(finding.line, finding.endLine ?? finding.line) - 1;
      const range = new vscode.Range(finding.line - 1, 0, end, 0);
      const body = new vscode.MarkdownString(`**${finding.severity} · ${finding.category}** — ${finding.message}`);
      if (finding.suggestion !== undefined) body.appendMarkdown('\n\nSuggested replacement:').appendCodeblock(finding.suggestion);
      const thread: FindingThread = this.controller.createCommentThread(uri, range, [
        { body, mode: vscode.CommentMode.Preview, author: { name: 'Atomic Skills' }, label: `${finding.severity} · ${finding.category}` },
      ]);
      thread.finding = finding;
      thread.recordId = recordId;
      thread.label = `Atomic Skills review: ${finding.severity} ${finding.category}`;
      thread.canReply = false;
      thread.contextValue = finding.suggestion !== undefined ? 'atomicSkillsFinding.withSuggestion' : 'atomicSkillsFinding';
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      this.threads.push(thread);
    }
    return this.threads;
  }

  remove(thread: vscode.CommentThread): void {
    this.threads = this.threads.filter((t) => t !== thread);
    thread.dispose();
  }

  dispose(): void {
    this.clear();
    this.controller.dispose();
  }
}
