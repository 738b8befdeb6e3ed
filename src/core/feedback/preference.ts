/**
 * Turning labelled records into preference signals.
 *
 * Polarity of one record, first rule that applies:
 * 1. Explicit: the LATEST explicit user label decides: `accepted` or vote `helpful` → positive; `rejected` or vote
 *    `unhelpful` → negative.
 * 2. Survival: the latest survival measurement (latest label time; ties: the longer `afterSeconds`): share ≥ 0.5 →
 *    positive, < 0.5 → negative.
 * 3. Checks: the latest result of each check name: all passed → positive, any failed → negative.
 * 4. Otherwise unlabeled.
 *
 * Pairs (chosen, rejected) over records that have a prompt and a completion (level `all`):
 * (a) Linked: B regenerated A (`B.previousAttemptId === A.id`, same skill). If one is positive and the other negative, the positive
 *     one is chosen. If B is positive and A unlabeled, A was "regenerated away" and counts as rejected. The prompt is
 *     A's (the original request). Linked pairs are taken in order of B (time, id).
 * (b) Same prompt: records of the same skill whose prompt (messages and tools) hash is identical; positives and
 *     negatives are each ordered by (time, id) and matched in order (first positive with the first negative not
 *     yet used whose answer differs, …).
 * A pair whose two completions are the same is left out.
 * A record is used at most once as chosen and at most once as rejected, linked pairs first; the same (chosen,
 * rejected) pair is never emitted twice. For a fixed set of records the output is always the same, in the same order.
 */
import { createHash } from 'node:crypto';
import type { FeedbackRecord, Label } from './feedbackTypes';

export type Polarity = 'positive' | 'negative' | 'unlabeled';
export type PolaritySource = 'explicit' | 'survival' | 'check' | 'none';

export interface PolarityVerdict {
  polarity: Polarity;
  source: PolaritySource;
}

type TimedLabel = Label & { time: string };

function latest<L extends TimedLabel>(labels: L[], tieBreak: (a: L, b: L) => number = () => 0): L | undefined {
  let best: L | undefined;
  for (const l of labels) {
    if (!best) best = l;
    else {
      const d = Date.parse(l.time) - Date.parse(best.time);
      if (d > 0 || (d === 0 && tieBreak(l, best) >= 0)) best = l;
    }
  }
  return best;
}

/** The polarity of one record and the rule that decided it (see the module comment). */
export function polarityOf(record: Pick<FeedbackRecord, 'labels'>): PolarityVerdict {
  const labels = record.labels;
  const explicit = latest(labels.filter((l) => l.kind === 'accepted' || l.kind === 'rejected' || l.kind === 'vote'));
  if (explicit) {
    const positive = explicit.kind === 'accepted' || (explicit.kind === 'vote' && explicit.value === 'helpful');
    return { polarity: positive ? 'positive' : 'negative', source: 'explicit' };
  }
  const survivals = labels.filter((l): l is Extract<TimedLabel, { kind: 'survival' }> => l.kind === 'survival');
  const survival = latest(survivals, (a, b) => a.afterSeconds - b.afterSeconds);
  if (survival) return { polarity: survival.share >= 0.5 ? 'positive' : 'negative', source: 'survival' };
  const checks = new Map<string, Extract<TimedLabel, { kind: 'check' }>>();
  for (const l of labels) {
    if (l.kind !== 'check') continue;
    const seen = checks.get(l.name);
    if (!seen || Date.parse(l.time) >= Date.parse(seen.time)) checks.set(l.name, l);
  }
  if (checks.size > 0) {
    const allPassed = [...checks.values()].every((c) => c.passed);
    return { polarity: allPassed ? 'positive' : 'negative', source: 'check' };
  }
  return { polarity: 'unlabeled', source: 'none' };
}

/** Stable JSON (sorted object keys) for hashing. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the prompt (messages and tools), or undefined for a record without messages (level noCode). */
export function promptHash(record: Pick<FeedbackRecord, 'messages' | 'tools'>): string | undefined {
  if (!record.messages) return undefined;
  return createHash('sha256').update(canonical({ messages: record.messages, tools: record.tools ?? [] })).digest('hex');
}

/** True when a record can stand in a training row: it has a prompt and a completion. */
export function isTrainable(record: FeedbackRecord): boolean {
  return Array.isArray(record.messages) && record.completion !== undefined;
}

export interface PreferencePair {
  /** The record whose messages and tools are the pair's prompt. */
  prompt: FeedbackRecord;
  chosen: FeedbackRecord;
  rejected: FeedbackRecord;
  source: 'linked' | 'samePrompt';
}

const byTimeThenId = (a: FeedbackRecord, b: FeedbackRecord): number =>
  Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every preference pair in the records (see the module comment for the rules). */
export function findPairs(records: readonly FeedbackRecord[]): PreferencePair[] {
  const usable = records.filter(isTrainable).sort(byTimeThenId);
  const byId = new Map(usable.map((r) => [r.id, r]));
  const polarity = new Map(usable.map((r) => [r.id, polarityOf(r).polarity]));
  const usedAsChosen = new Set<string>();
  const usedAsRejected = new Set<string>();
  const pairs: PreferencePair[] = [];
  const take = (chosen: FeedbackRecord, rejected: FeedbackRecord, prompt: FeedbackRecord, source: PreferencePair['source']) => {
    if (chosen.id === rejected.id || usedAsChosen.has(chosen.id) || usedAsRejected.has(rejected.id)) return;
    // The same answer both chosen and rejected (a flaky check, a deterministic model) teaches nothing.
    if (canonical(chosen.completion) === canonical(rejected.completion)) return;
    usedAsChosen.add(chosen.id);
    usedAsRejected.add(rejected.id);
    pairs.push({ prompt, chosen, rejected, source });
  };

  for (const b of usable) {
    const a = b.previousAttemptId ? byId.get(b.previousAttemptId) : undefined;
    if (!a || a.skill !== b.skill) continue;
    const pa = polarity.get(a.id);
    const pb = polarity.get(b.id);
    if (pb === 'positive' && (pa === 'negative' || pa === 'unlabeled')) take(b, a, a, 'linked');
    else if (pa === 'positive' && pb === 'negative') take(a, b, a, 'linked');
  }

  const groups = new Map<string, { positives: FeedbackRecord[]; negatives: FeedbackRecord[] }>();
  for (const r of usable) {
    const p = polarity.get(r.id);
    if (p === 'unlabeled') continue;
    const key = `${r.skill}\u0000${promptHash(r)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { positives: [], negatives: [] }));
    (p === 'positive' ? group.positives : group.negatives).push(r);
  }
  for (const { positives, negatives } of groups.values()) {
    for (const chosen of positives) {
      if (usedAsChosen.has(chosen.id)) continue;
      const answer = canonical(chosen.completion);
      const rejected = negatives.find((r) => !usedAsRejected.has(r.id) && canonical(r.completion) !== answer);
      if (rejected) take(chosen, rejected, chosen, 'samePrompt');
    }
  }
  return pairs;
}
