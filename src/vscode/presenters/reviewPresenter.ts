import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeScope, scopeFromInput, type ReviewInput, type ReviewResult } from '../../core/skills/review/reviewTypes';
import { suggestionBlock } from '../../core/skills/review/suggestionBlock';
import { summarizeReview, verdictLine } from '../../core/skills/review/summarizeReview';
import type { ReviewComments } from '../reviewComments';
import type { SkillPresenter } from './presenter';

/** `/review staged`, `/review since main fix the parser`, `/review base=HEAD~2`, or the intent as free text. */
export function parseReviewPrompt(prompt: string): ReviewInput {
  let text = prompt.trim();
  const input: ReviewInput = {};
  const staged = /^staged\b/i.exec(text);
  if (staged) {
    input.scope = 'staged';
    text = text.slice(staged[0].length).trim();
  }
  const range = /^(?:since|against|base[=:]?)\s*(\S+)(?:\s*\.\.\s*(\S+))?/i.exec(text) ?? /^(\S+)\.\.(\S*)/.exec(text);
  if (range && !input.scope) {
    input.scope = 'range';
    input.base = range[1];
    if (range[2]) input.head = range[2];
    text = text.slice(range[0].length).trim();
  }
  if (text) input.intent = text;
  return input;
}

export function reviewPresenter(comments: ReviewComments): SkillPresenter<ReviewInput, ReviewResult> {
  return {
    async commandInput() {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'Uncommitted changes', description: 'everything not yet committed, new files included', scope: 'uncommitted' as const },
          { label: 'Staged changes', description: 'what the next commit would contain', scope: 'staged' as const },
          { label: 'Changes since a branch or commit…', description: 'e.g. main, HEAD~3', scope: 'range' as const },
        ],
        { title: 'Atomic Skills: Review Changes', placeHolder: 'Which changes should be reviewed?' },
      );
      if (!pick) return undefined;
      if (pick.scope !== 'range') return { scope: pick.scope };
      const base = await vscode.window.showInputBox({ title: 'Review changes since…', prompt: 'A branch, tag or commit', value: 'main' });
      return base?.trim() ? { scope: 'range', base: base.trim() } : undefined;
    },

    async showCommandResult(result, context, recordId) {
      const threads = comments.show(result, context.workspace.root, recordId);
      const first = result.findings[0];
      if (first) {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(context.workspace.root, first.file)));
        const line = Math.min(first.line - 1, doc.lineCount - 1);
        await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0), preview: false });
      }
      const message = `${verdictLine(result)}${threads.length ? ' (shown as comments on the changed lines)' : ''}`;
      const show = result.judgment === 'YES' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
      const choice = await show(message, 'Show Review');
      if (choice === 'Show Review') {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: summarizeReview(result) });
        await vscode.window.showTextDocument(doc, { preview: true });
      }
    },

    chatInput: parseReviewPrompt,

    renderChat(result, stream, context) {
      stream.markdown(`**Verdict: ${result.judgment}** — ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} in the ${describeScope(result.scope)}\n\n`);
      stream.markdown(`${result.review}\n\n`);
      for (const f of result.findings) {
        const uri = vscode.Uri.file(path.join(context.workspace.root, f.file));
        stream.markdown('- ');
        stream.anchor(new vscode.Location(uri, new vscode.Position(f.line - 1, 0)), `${f.file}:${f.line}`);
        stream.markdown(` **${f.severity} · ${f.category}** ${f.message}\n`);
        if (f.suggestion !== undefined) {
          const block = new vscode.MarkdownString(`\n  Suggested replacement:\n\n${suggestionBlock(f.suggestion)}\n`);
          block.supportHtml = true;
          stream.markdown(block);
        }
      }
      if (result.unanchoredFindings.length) {
        stream.markdown('\n**Not anchored to the change:**\n');
        for (const u of result.unanchoredFindings) stream.markdown(`- ${u.finding.file}: ${u.finding.message} _(${u.reason})_\n`);
      }
      if (result.omittedFiles.length) stream.markdown(`\n_Not reviewed: ${result.omittedFiles.join(', ')}_\n`);
    },

    toolInvocationMessage(input) {
      return `Reviewing ${describeScope(scopeFromInput(input))}`;
    },
  };
}
