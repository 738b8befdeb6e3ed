/** The deadline of one whole model call (every attempt, every wait between them, the full reply), and waits it and the user can cut short. */
import { cancelledError } from './endpointErrors';

export class CallDeadline {
  readonly startedAt = Date.now();
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private passed = false;

  constructor(
    private readonly userSignal: AbortSignal,
    readonly limitMs: number,
  ) {
    this.timer = setTimeout(() => {
      this.passed = true;
      this.controller.abort();
    }, limitMs);
    userSignal.addEventListener('abort', this.onUserAbort, { once: true });
    if (userSignal.aborted) this.controller.abort();
  }

  private readonly onUserAbort = () => this.controller.abort();

  /** Aborts when the user cancels or the deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the deadline passed (and the user had not cancelled first). */
  get expired(): boolean {
    return this.passed && !this.userSignal.aborted;
  }

  elapsedMs(now = Date.now()): number {
    return now - this.startedAt;
  }

  remainingMs(now = Date.now()): number {
    return Math.max(0, this.limitMs - this.elapsedMs(now));
  }

  /** Resolves after `ms`; rejects at once as cancelled when the user cancels, or resolves early at the deadline. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.userSignal.aborted) return reject(cancelledError());
      if (this.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        if (this.userSignal.aborted) reject(cancelledError());
        else resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.userSignal.removeEventListener('abort', this.onUserAbort);
  }
}
