import * as vscode from 'vscode';
import type { FeedbackRecorder } from '../../core/feedback/feedbackRecorder';
import { survivalCheckpoints, survivalShare } from '../../core/feedback/survival';

/**
 * Measures how much of an accepted edit is still in its file 30 s, 2 min, 10 min and 15 min
 * after acceptance, and records each measurement as a `survival` label. Measurements still
 * pending when the window closes are not taken.
 */
export class SurvivalTracker implements vscode.Disposable {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly recorder: FeedbackRecorder,
    private readonly checkpoints: readonly number[] = survivalCheckpoints,
  ) {}

  track(recordId: string | undefined, uri: vscode.Uri, acceptedText: string): void {
    if (!recordId || !this.recorder.enabled) return;
    for (const seconds of this.checkpoints) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.measure(recordId, uri, acceptedText, seconds);
      }, seconds * 1000);
      timer.unref?.();
      this.timers.add(timer);
    }
  }

  private async measure(recordId: string, uri: vscode.Uri, acceptedText: string, afterSeconds: number): Promise<void> {
    const current = await vscode.workspace.openTextDocument(uri).then(
      (doc) => doc.getText(),
      () => '', // deleted: nothing survived
    );
    await this.recorder.label(recordId, { kind: 'survival', afterSeconds, share: survivalShare(acceptedText, current) });
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }
}
