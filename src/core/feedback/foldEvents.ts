/**
 * Reading side of the store: validating one stored line, and folding label events into their records.
 */
import { feedbackSchemaVersion, type FeedbackEvent, type FeedbackRecord, type Label, type LabelEvent, type RecordEvent } from './feedbackTypes';

const labelKinds = new Set(['vote', 'accepted', 'rejected', 'notTaken', 'survival', 'check']);
const roles = new Set(['system', 'user', 'assistant', 'tool']);

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Minimal shape check of a parsed line: enough for readers and exporters to rely on the fields they use. */
export function isFeedbackEvent(value: unknown): value is FeedbackEvent {
  if (!isObject(value) || value.v !== feedbackSchemaVersion) return false;
  if (!isString(value.id) || value.id === '' || !isString(value.session) || !isString(value.time) || !Number.isFinite(Date.parse(value.time))) return false;
  if (value.type === 'label') return isString(value.recordId) && isObject(value.label) && labelKinds.has(value.label.kind as string);
  if (value.type !== 'record') return false;
  if (!isString(value.skill) || !isString(value.surface) || !isObject(value.model) || !isString(value.model.model)) return false;
  if (value.level !== 'all' && value.level !== 'noCode') return false;
  if (value.messages !== undefined && !(Array.isArray(value.messages) && value.messages.every((m) => isObject(m) && roles.has(m.role as string) && isString(m.content)))) return false;
  if (value.completion !== undefined && !(isObject(value.completion) && isString(value.completion.text))) return false;
  return true;
}

/** The event on a stored line, or undefined when the line does not parse or validate (a damaged line). */
export function parseEventLine(line: string): FeedbackEvent | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isFeedbackEvent(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface RecordFilter {
  skill?: string;
  /** Records created at or after this time (their labels count whenever they came). */
  since?: Date;
}

export interface FoldResult {
  /** Matching records, oldest first (time, then id), each with its labels oldest first. */
  records: FeedbackRecord[];
  /** Labels whose record is not in the store (deleted, or its line damaged): counted, kept out. */
  orphanLabels: number;
  /** Events whose id was already seen (the same event appended twice): the first one counts. */
  duplicateEvents: number;
}

/** Folds a stream of events into records; feed it with `add`, then call `result`. */
export class RecordFolder {
  private readonly recordIds = new Set<string>();
  private readonly labelIds = new Set<string>();
  private readonly kept = new Map<string, FeedbackRecord>();
  private readonly labels = new Map<string, LabelEvent[]>();
  private duplicates = 0;
  private readonly sinceMs: number | undefined;

  constructor(private readonly filter: RecordFilter = {}) {
    this.sinceMs = filter.since?.getTime();
  }

  add(event: FeedbackEvent): void {
    if (event.type === 'record') this.addRecord(event);
    else this.addLabel(event);
  }

  private addRecord(event: RecordEvent): void {
    if (this.recordIds.has(event.id)) return void this.duplicates++;
    this.recordIds.add(event.id);
    if (this.filter.skill !== undefined && event.skill !== this.filter.skill) return;
    if (this.sinceMs !== undefined && Date.parse(event.time) < this.sinceMs) return;
    this.kept.set(event.id, { ...event, labels: [] });
  }

  private addLabel(event: LabelEvent): void {
    if (this.labelIds.has(event.id)) return void this.duplicates++;
    this.labelIds.add(event.id);
    const list = this.labels.get(event.recordId);
    if (list) list.push(event);
    else this.labels.set(event.recordId, [event]);
  }

  result(): FoldResult {
    let orphanLabels = 0;
    for (const [recordId, events] of this.labels) {
      if (!this.recordIds.has(recordId)) {
        orphanLabels += events.length;
        continue;
      }
      const record = this.kept.get(recordId);
      if (!record) continue;
      const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => compareTime(a.e.time, b.e.time) || a.i - b.i);
      record.labels = ordered.map(({ e }) => ({ ...(e.label as Label), time: e.time }));
    }
    const records = [...this.kept.values()]
      .map((r) => ({ r, t: Date.parse(r.time) }))
      .sort((a, b) => a.t - b.t || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0))
      .map(({ r }) => r);
    return { records, orphanLabels, duplicateEvents: this.duplicates };
  }
}

function compareTime(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
