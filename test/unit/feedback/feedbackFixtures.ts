// Builders for feedback events and records, and child-process writers for the store's crash and concurrency tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import type { FeedbackRecord, Label, LabelEvent, RecordEvent } from '../../../src/core/feedback/feedbackTypes';
import type { ModelIdentity } from '../../../src/core/model/types';

export const testModel: ModelIdentity = { backend: 'openai', model: 'test-model', endpoint: 'http://127.0.0.1:8000/v1' };

let clock = Date.parse('2025-03-01T10:00:00.000Z');
/** Strictly increasing ISO times, one second apart. */
export function nextTime(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

export function recordEvent(overrides: Partial<RecordEvent> = {}): RecordEvent {
  const id = overrides.id ?? randomUUID();
  return {
    v: 1,
    type: 'record',
    id,
    time: nextTime(),
    session: 'session-1',
    skill: 'review',
    surface: 'command',
    model: testModel,
    level: 'all',
    messages: [
      { role: 'system', content: 'You review code.' },
      { role: 'user', content: 'Review this change.' },
    ],
    // Each record its own answer: two identical answers never make a preference pair.
    completion: { text: `Looks fine (${id.slice(0, 8)}).` },
    ...overrides,
  };
}

export function labelEvent(recordId: string, label: Label, time = nextTime()): LabelEvent {
  return { v: 1, type: 'label', id: randomUUID(), time, session: 'session-1', recordId, label };
}

/** A folded record with labels (times default to after the record). */
export function folded(overrides: Partial<RecordEvent> = {}, labels: Array<Label & { time?: string }> = []): FeedbackRecord {
  const r = recordEvent(overrides);
  return { ...r, labels: labels.map((l) => ({ ...l, time: l.time ?? nextTime() }) as Label & { time: string }) };
}

/** Random letters and digits, always containing both. */
export function randomToken(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out.slice(0, length - 2) + 'q7';
}

/**
 * The body of a child process that appends events to a store as fast as it can. argv: storeModule, folder, count,
 * writerId, maxFileBytes, padBytes. It prints the number of events whose append has resolved ("acked").
 * Every 4th write is an appendMany of 3 events; pads vary up to padBytes so some writes are large.
 */
const writerScript = `
const [storeModule, folder, countText, writerId, maxFileBytes, padText] = process.argv.slice(1);
const { FeedbackStore } = require(storeModule);
const store = new FeedbackStore(folder, { writerId, maxFileBytes: Number(maxFileBytes) });
const count = Number(countText), pad = Number(padText);
let seq = 0;
const event = () => {
  const n = seq++;
  return { v: 1, type: 'record', id: writerId + '-' + n, time: new Date().toISOString(), session: writerId,
    skill: 'writer-' + writerId, surface: 'cli', model: { backend: 'openai', model: 'm', endpoint: 'e' }, level: 'all',
    messages: [{ role: 'user', content: 'x'.repeat((n * 7919) % (pad + 1)) }], completion: { text: 'ok ' + n }, metrics: { seq: n } };
};
(async () => {
  while (seq < count) {
    if (seq % 4 === 3 && seq + 3 <= count) await store.appendMany([event(), event(), event()]);
    else await store.append(event());
    process.stdout.write(seq + '\\n');
  }
  await store.close();
  process.stdout.write('done\\n');
})().catch((err) => { console.error(err); process.exit(3); });
`;

export interface WriterProcess {
  child: ChildProcess;
  /** Highest acknowledged count printed so far. */
  acked(): number;
  /** Resolves when acked() reaches n. */
  untilAcked(n: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function spawnWriter(storeModule: string, folder: string, options: { count: number; writerId: string; maxFileBytes: number; padBytes: number }): WriterProcess {
  const child = spawn(process.execPath, ['-e', writerScript, storeModule, folder, String(options.count), options.writerId, String(options.maxFileBytes), String(options.padBytes)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let acked = 0;
  let stderr = '';
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const l of lines) if (/^\d+$/.test(l)) acked = Math.max(acked, Number(l));
    for (const w of waiters.splice(0)) (acked >= w.n ? w.resolve() : waiters.push(w));
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    acked: () => acked,
    untilAcked: (n) => new Promise((resolve, reject) => {
      if (acked >= n) return resolve();
      waiters.push({ n, resolve });
      void exited.then((r) => reject(new Error(`writer exited before ${n} acks (${acked}): ${r.code} ${r.signal} ${r.stderr}`)));
    }),
    exited,
  };
}
