// Events, a fake clock and throwaway folders for the collection tests.
import type { CollectorClock } from '../../../../src/core/feedback/collectionTypes';
import type { LabelEvent, RecordEvent } from '../../../../src/core/feedback/feedbackTypes';

/** A record event with a recognisable id (`r0007`) and an optional payload to make it bigger. */
export function recordEvent(i: number, padding = 0): RecordEvent {
  return {
    v: 1,
    type: 'record',
    id: `r${String(i).padStart(4, '0')}`,
    time: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, i % 1000)).toISOString(),
    session: 's1',
    skill: 'reviewChanges',
    surface: 'command',
    model: { backend: 'openai', model: 'scripted-model', endpoint: 'http://127.0.0.1:1/v1' },
    level: 'noCode',
    metrics: { findings: 3, durationMs: 1250.5 },
    ...(padding > 0 ? { completion: { text: 'x'.repeat(padding) } } : {}),
  };
}

export function labelEvent(i: number, recordId: string): LabelEvent {
  return { v: 1, type: 'label', id: `l${String(i).padStart(4, '0')}`, time: '2025-01-02T03:04:06.000Z', session: 's1', recordId, label: { kind: 'vote', value: 'helpful' } };
}

export function records(from: number, count: number, padding = 0): RecordEvent[] {
  return Array.from({ length: count }, (_, k) => recordEvent(from + k, padding));
}

interface FakeTimer {
  at: number;
  ms: number;
  callback: () => void;
  cancelled: boolean;
}

/** Time stands still until advance(); timers fire in order of due time. */
export class FakeClock implements CollectorClock {
  private time = Date.UTC(2025, 0, 2, 12, 0, 0);
  private timers: FakeTimer[] = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): { cancel(): void } {
    const timer: FakeTimer = { at: this.time + Math.max(0, ms), ms, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Delays (ms, as requested) of the timers still waiting, soonest first. */
  pendingDelays(): number[] {
    return this.live().map((t) => t.ms);
  }

  /** Moves time forward, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.live().find((t) => t.at <= until);
      if (!next) break;
      this.time = next.at;
      next.cancelled = true;
      next.callback();
    }
    this.time = until;
  }

  private live(): FakeTimer[] {
    this.timers = this.timers.filter((t) => !t.cancelled);
    return [...this.timers].sort((a, b) => a.at - b.at);
  }
}
