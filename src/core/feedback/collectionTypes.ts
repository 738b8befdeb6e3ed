/**
 * The port between the collector and the places it sends feedback events to (an HTTP endpoint, an
 * OpenTelemetry Collector). A destination sends one batch and says what became of it; the collector
 * owns queuing, retries and backoff.
 */
import type { FeedbackEvent } from './feedbackTypes';

/** One batch read from a queue: the stored lines (one JSON event each) and the same events parsed. */
export interface CollectionBatch {
  readonly lines: readonly string[];
  readonly events: readonly FeedbackEvent[];
  /** Sum of the lines' UTF-8 bytes, newlines included. */
  readonly bytes: number;
}

export type SendResult =
  /** Accepted by the receiver; `note` carries a warning it sent back (e.g. an OTLP partial success). */
  | { kind: 'delivered'; status: number; note?: string }
  /** Try the same batch again later: a network error, a timeout, 408, 429, 5xx. */
  | { kind: 'retryable'; reason: string; status?: number; /** From Retry-After. */ retryAfterMs?: number }
  /** The receiver refuses this batch for good (bad data, 404, 413 ...): drop it, never retry. */
  | { kind: 'permanent'; reason: string; status: number }
  /** 401/403: a configuration problem, not bad data. Keep the events and stop sending until reconfigured. */
  | { kind: 'unauthorized'; reason: string; status: number };

export interface CollectionDestination {
  /** Stable and file-name safe: names the destination's queue subfolder and its status row. */
  readonly id: string;
  /** For people: kind and URL, never a token. */
  readonly label: string;
  send(batch: CollectionBatch, signal: AbortSignal): Promise<SendResult>;
}

export interface BackoffOptions {
  initialMs: number;
  factor: number;
  maxMs: number;
  /** 0..1: each delay is shortened by up to this share, at random, so many clients don't retry in step. */
  jitter: number;
}

export interface CollectorOptions {
  batchMaxEvents: number;
  batchMaxBytes: number;
  flushIntervalMs: number;
  backoff: BackoffOptions;
  /** Cap of each destination's on-disk queue; the oldest events are dropped (and counted) beyond it. */
  queueMaxBytes: number;
}

export const defaultCollectorOptions: CollectorOptions = {
  batchMaxEvents: 100,
  batchMaxBytes: 1024 * 1024,
  flushIntervalMs: 30_000,
  backoff: { initialMs: 1000, factor: 2, maxMs: 5 * 60_000, jitter: 0.2 },
  queueMaxBytes: 50 * 1024 * 1024,
};

/** Timers the collector uses; tests pass a fake to fire them by hand. Real timers never keep the process alive. */
export interface CollectorClock {
  now(): number;
  setTimer(callback: () => void, ms: number): { cancel(): void };
}

export const systemClock: CollectorClock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, Math.max(0, ms));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

export type CollectionLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** One row per destination, for the UI. Times are ISO 8601. */
export interface DestinationStatus {
  id: string;
  label: string;
  /** Events waiting on disk for this destination (in this process's view). */
  queued: number;
  queuedBytes: number;
  sending: boolean;
  /** False while another process (another VS Code window) owns the queue folder and sends for it. */
  owner: boolean;
  /** Stopped after 401/403 until reconfigured; events are kept. */
  paused: boolean;
  delivered: number;
  /** Dropped because the receiver refused them for good. */
  rejected: number;
  /** Dropped because the queue was over its cap (oldest first). */
  droppedOverCap: number;
  /** Queue lines that could not be read (a torn last line after a crash). */
  skippedLines: number;
  lastError?: { time: string; message: string };
  lastSuccessTime?: string;
  nextAttemptTime?: string;
}

export interface CollectionStatus {
  enabled: boolean;
  destinations: DestinationStatus[];
}
