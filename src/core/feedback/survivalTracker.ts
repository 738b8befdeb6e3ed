import type { FeedbackRecorder } from './feedbackRecorder';
import { survivalCheckpoints, survivalShare } from './survival';

/**
 * Measures how much of an accepted edit is still in its file at each checkpoint after acceptance
 * (30 s, 2 min, 10 min and 15 min by default), recording each as a `survival` label. `read` gives
 * the file's text now ('' when it is gone: nothing survived). Measurements still pending when the
 * tracker is disposed (the editor or the MCP session closed) are not taken.
 */
export class SurvivalTracker {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly recorder: Pick<FeedbackRecorder, 'enabled' | 'label'>,
    private readonly checkpoints: readonly number[] = survivalCheckpoints,
  ) {}

  track(recordId: string | undefined, read: () => Promise<string>, acceptedText: string): void {
    if (!recordId || !this.recorder.enabled) return;
    for (const afterSeconds of this.checkpoints) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void read()
          .catch(() => '')
          .then((current) => this.recorder.label(recordId, { kind: 'survival', afterSeconds, share: survivalShare(acceptedText, current) }))
          .catch(() => undefined);
      }, afterSeconds * 1000);
      timer.unref?.();
      this.timers.add(timer);
    }
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }
}
