/**
 * One destination with its own queue: sends batches one at a time (never two at once), acknowledges what
 * was delivered or refused for good, and backs off after retryable failures, so a failing destination
 * never holds up another.
 */
import { errorMessage } from '../errors';
import type { CollectionQueue, QueuedBatch } from './collectionQueue';
import type { CollectionDestination, CollectionLog, CollectorClock, CollectorOptions, DestinationStatus, SendResult } from './collectionTypes';
import type { FeedbackEvent } from './feedbackTypes';

export interface LaneDeps {
  clock: CollectorClock;
  random: () => number;
  log: CollectionLog;
  onChange: () => void;
}

export class CollectorLane {
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private retryTimer: { cancel(): void } | undefined;
  /** Earliest next attempt: our backoff. */
  private backoffUntil = 0;
  /** Earliest next attempt the receiver asked for (Retry-After); even a forced flush waits for it. */
  private serverUntil = 0;
  private failures = 0;
  private paused = false;
  private disposed = false;
  /** Lowered after a 413 so batches fit the receiver's limit. */
  private batchLimit = Infinity;
  private delivered = 0;
  private rejected = 0;
  private lastError: { time: string; message: string } | undefined;
  private lastSuccess: string | undefined;

  constructor(
    readonly destination: CollectionDestination,
    readonly queue: CollectionQueue,
    private readonly options: CollectorOptions,
    private readonly deps: LaneDeps,
  ) {}

  /** Queues durably; errors (a full disk) are logged and shown in the status, never thrown at the caller. */
  submit(events: readonly FeedbackEvent[]): void {
    if (this.disposed) return;
    try {
      this.queue.enqueue(events);
    } catch (err) {
      this.fail(`could not queue ${events.length} event(s): ${errorMessage(err)}`, 'error');
      return;
    }
    this.deps.onChange();
    if (this.queue.stats().count >= this.options.batchMaxEvents) void this.flush();
  }

  /**
   * Sends until the queue is empty, a retryable failure (a retry is then scheduled) or a 401/403. Waits
   * for a send in progress instead of starting another. `force` skips our backoff and resumes a paused
   * lane, but still waits for a Retry-After the receiver gave.
   */
  flush(force = false): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (force) {
      this.paused = false;
      this.backoffUntil = 0;
    }
    if (this.running) return this.running;
    this.running = this.drain()
      .catch((err) => this.fail(errorMessage(err), 'error'))
      .finally(() => {
        this.running = undefined;
        this.deps.onChange();
      });
    this.deps.onChange();
    return this.running;
  }

  status(): DestinationStatus {
    const stats = this.queue.stats();
    const nextAttempt = Math.max(this.backoffUntil, this.serverUntil);
    return {
      id: this.destination.id,
      label: this.destination.label,
      queued: stats.count,
      queuedBytes: stats.bytes,
      sending: this.running !== undefined,
      owner: stats.owner,
      paused: this.paused,
      delivered: this.delivered,
      rejected: this.rejected,
      droppedOverCap: stats.droppedOverCap,
      skippedLines: stats.skippedLines,
      lastError: this.lastError,
      lastSuccessTime: this.lastSuccess,
      nextAttemptTime: nextAttempt > this.deps.clock.now() ? new Date(nextAttempt).toISOString() : undefined,
    };
  }

  /** Stops timers and aborts a send in progress; unacknowledged events stay on disk for the next start. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.retryTimer?.cancel();
    this.abort?.abort();
    this.queue.close();
  }

  private async drain(): Promise<void> {
    if (!this.queue.refresh() || this.paused) return;
    while (!this.disposed) {
      if (this.deps.clock.now() < Math.max(this.backoffUntil, this.serverUntil)) return this.scheduleRetry();
      const batch = this.queue.peekBatch(Math.min(this.options.batchMaxEvents, this.batchLimit), this.options.batchMaxBytes);
      if (!batch) return;
      this.abort = new AbortController();
      let result: SendResult;
      try {
        result = await this.destination.send(batch, this.abort.signal);
      } catch (err) {
        result = { kind: 'retryable', reason: errorMessage(err) };
      }
      if (this.disposed) return; // not acknowledged: sent again after the next start (at least once)
      if (!this.settle(batch, result)) return;
    }
  }

  /** Applies a send result; true to go on with the next batch. */
  private settle(batch: QueuedBatch, result: SendResult): boolean {
    const { clock, log } = this.deps;
    const count = batch.events.length;
    const name = this.destination.label;
    switch (result.kind) {
      case 'delivered':
        this.queue.ack(batch);
        this.delivered += count;
        this.failures = 0;
        this.backoffUntil = this.serverUntil = 0;
        this.lastSuccess = new Date(clock.now()).toISOString();
        if (result.note) log('warn', `${name}: ${result.note}`);
        this.deps.onChange();
        return true;
      case 'permanent':
        if (result.status === 413 && count > 1) {
          this.batchLimit = Math.ceil(count / 2);
          log('warn', `${name}: batch of ${count} events too large (HTTP 413); sending at most ${this.batchLimit} per request.`);
          return true;
        }
        this.queue.ack(batch);
        this.rejected += count;
        this.fail(`dropped ${count} event(s) the receiver refused: ${result.reason}`, 'error');
        return true;
      case 'unauthorized':
        this.paused = true;
        this.fail(`${result.reason}; sending paused, ${this.queue.stats().count} event(s) kept until the destination is reconfigured.`, 'error');
        return false;
      case 'retryable': {
        this.failures++;
        const now = clock.now();
        if (result.retryAfterMs !== undefined) this.serverUntil = now + result.retryAfterMs;
        else this.backoffUntil = now + backoffDelay(this.options.backoff, this.failures, this.deps.random);
        const wait = Math.max(this.backoffUntil, this.serverUntil) - now;
        this.fail(`${result.reason}; retrying in ${Math.round(wait / 100) / 10} s (${this.queue.stats().count} event(s) kept).`, 'warn');
        this.scheduleRetry();
        return false;
      }
    }
  }

  private scheduleRetry(): void {
    this.retryTimer?.cancel();
    const wait = Math.max(this.backoffUntil, this.serverUntil) - this.deps.clock.now();
    this.retryTimer = this.deps.clock.setTimer(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, Math.max(0, wait));
  }

  private fail(message: string, level: 'warn' | 'error'): void {
    this.lastError = { time: new Date(this.deps.clock.now()).toISOString(), message };
    this.deps.log(level, `${this.destination.label}: ${message}`);
    this.deps.onChange();
  }
}

/** initial × factor^(n−1), capped, shortened at random by up to `jitter` of itself. */
export function backoffDelay(backoff: CollectorOptions['backoff'], failures: number, random: () => number): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * Math.pow(backoff.factor, Math.max(0, failures - 1)));
  return Math.round(base * (1 - Math.min(1, Math.max(0, backoff.jitter)) * random()));
}
