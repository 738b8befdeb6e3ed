import * as vscode from 'vscode';
import type { FeedbackRecorder } from '../../core/feedback/feedbackRecorder';
import { SurvivalTracker as CoreSurvivalTracker } from '../../core/feedback/survivalTracker';

/** The core tracker reading the file as the editor has it (unsaved changes included). */
export class SurvivalTracker implements vscode.Disposable {
  private readonly tracker: CoreSurvivalTracker;

  constructor(recorder: FeedbackRecorder, checkpoints?: readonly number[]) {
    this.tracker = new CoreSurvivalTracker(recorder, checkpoints);
  }

  track(recordId: string | undefined, uri: vscode.Uri, acceptedText: string): void {
    this.tracker.track(recordId, async () => (await vscode.workspace.openTextDocument(uri)).getText(), acceptedText);
  }

  dispose(): void {
    this.tracker.dispose();
  }
}
