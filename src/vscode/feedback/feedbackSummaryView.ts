import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { exportFormats, type ExportFormat } from '../../core/feedback/exporters';
import { summarizeFeedback, type SkillSummary } from '../../core/feedback/feedbackSummary';
import type { FeedbackService } from './feedbackService';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const percent = (rate: number | undefined) => (rate === undefined ? '—' : `${Math.round(rate * 100)}%`);

function row(s: SkillSummary): string {
  const cells = [s.skill, s.records, s.positive, s.negative, s.unlabeled, s.helpful, s.unhelpful, s.accepted, s.rejected, percent(s.acceptanceRate), s.checksPassed, s.checksFailed];
  return `<tr>${cells.map((c) => `<td>${escape(String(c))}</td>`).join('')}</tr>`;
}

function html(nonce: string, summaries: SkillSummary[], info: { folder: string; level: string; damaged: number; orphans: number }): string {
  const header = ['Skill', 'Records', 'Positive', 'Negative', 'Unlabeled', 'Helpful', 'Unhelpful', 'Accepted', 'Rejected', 'Acceptance', 'Checks passed', 'Checks failed'];
  const body = summaries.length
    ? `<table><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${summaries.map(row).join('')}</tbody></table>`
    : '<p>No records yet.</p>';
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}table{border-collapse:collapse}th,td{padding:4px 10px;border-bottom:1px solid var(--vscode-panel-border);text-align:right}th:first-child,td:first-child{text-align:left}button{margin:4px 8px 4px 0}</style>
</head><body>
<h2>Atomic Skills feedback</h2>
<p>Recording: <b>${escape(info.level)}</b> · store: <code>${escape(info.folder)}</code>${info.damaged ? ` · ${info.damaged} damaged lines skipped` : ''}${info.orphans ? ` · ${info.orphans} labels without their record` : ''}</p>
${body}
<p>${exportFormats.map((f) => `<button data-format="${f}">Export ${f}</button>`).join('')}</p>
<script nonce="${nonce}">const vscode=acquireVsCodeApi();document.querySelectorAll('button').forEach(b=>b.addEventListener('click',()=>vscode.postMessage({format:b.dataset.format})));</script>
</body></html>`;
}

/** "Atomic Skills: Show Feedback Summary": counts per skill and label, acceptance rates, export buttons. */
export async function showFeedbackSummary(feedback: FeedbackService): Promise<vscode.WebviewPanel> {
  const { records, damagedLines, orphanLabels } = await feedback.store.readRecords();
  const panel = vscode.window.createWebviewPanel('atomicSkills.feedbackSummary', 'Atomic Skills Feedback', vscode.ViewColumn.Active, { enableScripts: true });
  const level = vscode.workspace.getConfiguration('atomicSkills.feedback').get<string>('level', 'off');
  panel.webview.html = html(randomBytes(16).toString('hex'), summarizeFeedback(records), { folder: feedback.folder, level, damaged: damagedLines, orphans: orphanLabels });
  panel.webview.onDidReceiveMessage((m: { format?: string }) => {
    if (m.format && (exportFormats as readonly string[]).includes(m.format)) {
      void vscode.commands.executeCommand('atomicSkills.exportFeedback', m.format as ExportFormat);
    }
  });
  return panel;
}
