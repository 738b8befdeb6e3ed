import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { exportFormats, writeExport, type ExportFormat } from '../../core/feedback/exporters';
import type { Label } from '../../core/feedback/feedbackTypes';
import { guarded } from '../errors';
import { collectionTokenKeys, type FeedbackService } from './feedbackService';
import { showFeedbackSummary } from './feedbackSummaryView';

const formatDescriptions: Record<ExportFormat, string> = {
  'trl-dpo': 'TRL preference (prompt / chosen / rejected), for DPO',
  'trl-kto': 'TRL unpaired preference (prompt / completion / label), for KTO',
  'openai-dpo': 'OpenAI preference fine-tuning JSONL',
};

export async function exportFeedback(feedback: FeedbackService, format?: ExportFormat): Promise<void> {
  const chosen =
    format ??
    (
      await vscode.window.showQuickPick(
        exportFormats.map((f) => ({ label: f, description: formatDescriptions[f], format: f })),
        { title: 'Atomic Skills: Export Feedback', placeHolder: 'Export format' },
      )
    )?.format;
  if (!chosen) return;
  const target = await vscode.window.showSaveDialog({
    title: `Export ${chosen}`,
    defaultUri: vscode.Uri.file(`atomic-skills-${chosen}-${new Date().toISOString().slice(0, 10)}.jsonl`),
    filters: { 'JSON Lines': ['jsonl'] },
  });
  if (!target) return;
  const { records, damagedLines } = await feedback.store.readRecords();
  const stats = await writeExport(records, chosen, target.fsPath);
  const skipped = Object.entries(stats.skipped).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why}`).join(', ');
  void vscode.window.showInformationMessage(
    `Exported ${stats.rows} ${chosen} row${stats.rows === 1 ? '' : 's'} from ${stats.records} records${skipped ? ` (skipped: ${skipped})` : ''}${damagedLines ? `; ${damagedLines} damaged lines ignored` : ''}.`,
  );
}

/** Commands to see, export and delete preference data, set collection tokens, and label results. */
export function registerFeedbackCommands(feedback: FeedbackService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      'atomicSkills.chooseFeedbackLevel',
      guarded('Choose Preference Data Level', (level?: string) => feedback.chooseLevel(level)),
    ),
    vscode.commands.registerCommand(
      'atomicSkills.openFeedbackStore',
      guarded('Open Feedback Store', async () => {
        const files = await feedback.store.files();
        const newest = files.at(-1);
        const choice = await vscode.window.showInformationMessage(
          `Atomic Skills feedback store: ${feedback.folder} (${files.length} file${files.length === 1 ? '' : 's'})`,
          ...(newest ? ['Open Newest File'] : []),
          'Reveal Folder',
        );
        if (choice === 'Open Newest File' && newest) await vscode.window.showTextDocument(vscode.Uri.file(newest));
        if (choice === 'Reveal Folder') {
          fs.mkdirSync(feedback.folder, { recursive: true });
          await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(feedback.folder));
        }
      }),
    ),
    vscode.commands.registerCommand(
      'atomicSkills.deleteFeedbackData',
      guarded('Delete Feedback Data', async () => {
        const ok = await vscode.window.showWarningMessage(
          'Delete all Atomic Skills preference data stored on this machine?',
          { modal: true, detail: feedback.folder },
          'Delete',
        );
        if (ok !== 'Delete') return;
        const deleted = await feedback.store.deleteAll();
        void vscode.window.showInformationMessage(`Deleted ${deleted} feedback file${deleted === 1 ? '' : 's'}.`);
      }),
    ),
    vscode.commands.registerCommand('atomicSkills.exportFeedback', guarded('Export Feedback', (format?: ExportFormat) => exportFeedback(feedback, format))),
    vscode.commands.registerCommand('atomicSkills.showFeedbackSummary', guarded('Show Feedback Summary', () => showFeedbackSummary(feedback))),
    vscode.commands.registerCommand(
      'atomicSkills.setFeedbackCollectionToken',
      guarded('Set Feedback Collection Token', async () => {
        const which = await vscode.window.showQuickPick(
          [
            { label: 'HTTP endpoint', key: collectionTokenKeys.http },
            { label: 'OpenTelemetry collector', key: collectionTokenKeys.otlp },
          ],
          { title: 'Bearer token for which destination?' },
        );
        if (!which) return;
        const token = await vscode.window.showInputBox({ title: `Token for the ${which.label}`, password: true, prompt: 'Empty removes the stored token.' });
        if (token === undefined) return;
        if (token.trim()) await feedback.context.secrets.store(which.key, token.trim());
        else await feedback.context.secrets.delete(which.key);
        feedback.restartCollection();
      }),
    ),
    // Hidden: the Helpful / Unhelpful buttons under @atomic answers.
    vscode.commands.registerCommand('atomicSkills.labelResult', async (recordId: string, label: Label) => {
      await feedback.recorder.label(recordId, label);
      void vscode.window.setStatusBarMessage(`Atomic Skills: thanks, recorded "${label.kind === 'vote' ? label.value : label.kind}".`, 4000);
    }),
  ];
}
