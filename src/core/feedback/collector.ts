/**
 * Gathers feedback events for an organisation's pipeline: each configured destination gets its own
 * on-disk queue (`<folder>/<destination id>/`), its own batching, retries and backoff, and a periodic
 * flush. With no destination configured the collector does nothing at all: no folder, no file, no timer.
 */
import * as path from 'node:path';
import { errorMessage } from '../errors';
import { CollectionQueue, type CollectionQueueOptions } from './collectionQueue';
import {
  defaultCollectorOptions,
  systemClock,
  type BackoffOptions,
  type CollectionDestination,
  type CollectionLog,
  type CollectionStatus,
  type CollectorClock,
  type CollectorOptions,
  type DestinationStatus,
} from './collectionTypes';
import { CollectorLane } from './collectorLane';
import type { FeedbackEvent } from './feedbackTypes';

export interface FeedbackCollectorInit {
  /** Root of the queues, e.g. the extension's global storage + "feedback-collection". */
  folder: string;
  destinations: readonly CollectionDestination[];
  options?: Partial<Omit<CollectorOptions, 'backoff'>> & { backoff?: Partial<BackoffOptions> };
  clock?: CollectorClock;
  /** For jitter; tests pass () => 0. */
  random?: () => number;
  log?: CollectionLog;
  /** Tests may turn fsync off. */
  queue?: Omit<CollectionQueueOptions, 'maxBytes'>;
}

export class FeedbackCollector {
  private readonly lanes: CollectorLane[] = [];
  /** Destinations whose queue folder could not be opened. */
  private readonly broken: DestinationStatus[] = [];
  private readonly options: CollectorOptions;
  private readonly clock: CollectorClock;
  private readonly listeners = new Set<(status: CollectionStatus) => void>();
  private tick: { cancel(): void } | undefined;
  private disposed = false;

  constructor(init: FeedbackCollectorInit) {
    this.options = {
      ...defaultCollectorOptions,
      ...init.options,
      backoff: { ...defaultCollectorOptions.backoff, ...init.options?.backoff },
    };
    this.clock = init.clock ?? systemClock;
    const log = init.log ?? (() => undefined);
    const ids = new Set<string>();
    for (const destination of init.destinations) {
      if (!/^[A-Za-z0-9._-]+$/.test(destination.id) || ids.has(destination.id)) {
        throw new Error(`Feedback destination ids must be unique file names; got "${destination.id}".`);
      }
      ids.add(destination.id);
      let queue: CollectionQueue;
      try {
        queue = CollectionQueue.open(path.join(init.folder, destination.id), { ...init.queue, maxBytes: this.options.queueMaxBytes });
      } catch (err) {
        const message = `could not open the queue folder: ${errorMessage(err)}`;
        log('error', `${destination.label}: ${message}`);
        this.broken.push(brokenStatus(destination, message, this.clock.now()));
        continue;
      }
      const deps = { clock: this.clock, random: init.random ?? Math.random, log, onChange: () => this.changed() };
      this.lanes.push(new CollectorLane(destination, queue, this.options, deps));
    }
    if (this.lanes.length > 0) this.armTick();
  }

  /** True when at least one destination is configured and its queue opened. */
  get enabled(): boolean {
    return this.lanes.length > 0;
  }

  /** Queues events (already redacted) for every destination; a no-op without destinations. Never throws. */
  submit(events: readonly FeedbackEvent[]): void {
    if (this.disposed || events.length === 0) return;
    for (const lane of this.lanes) lane.submit(events);
  }

  /**
   * Sends what is queued, each destination until its queue is empty or a retryable failure. Honours the
   * backoff unless `force` (a "Send now" command), and a receiver's Retry-After always.
   */
  async flush(options: { force?: boolean } = {}): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.flush(options.force ?? false)));
  }

  status(): CollectionStatus {
    return { enabled: this.enabled, destinations: [...this.lanes.map((lane) => lane.status()), ...this.broken] };
  }

  onDidChangeStatus(listener: (status: CollectionStatus) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Stops timers and sends in progress; queued events stay on disk and go out after the next start. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.tick?.cancel();
    for (const lane of this.lanes) lane.dispose();
    this.listeners.clear();
  }

  private armTick(): void {
    this.tick = this.clock.setTimer(() => {
      if (this.disposed) return;
      void this.flush();
      this.armTick();
    }, this.options.flushIntervalMs);
  }

  private changed(): void {
    if (this.listeners.size === 0 || this.disposed) return;
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A listener's failure is its own.
      }
    }
  }
}

function brokenStatus(destination: CollectionDestination, message: string, now: number): DestinationStatus {
  return {
    id: destination.id,
    label: destination.label,
    queued: 0,
    queuedBytes: 0,
    sending: false,
    owner: false,
    paused: true,
    delivered: 0,
    rejected: 0,
    droppedOverCap: 0,
    skippedLines: 0,
    lastError: { time: new Date(now).toISOString(), message },
  };
}
