import { errorMessage } from '../errors';
import type { FeedbackEvent, FeedbackLevel, Label } from './feedbackTypes';
import { newLabelEvent, newRecordEvent, type RecordInput } from './recordBuilder';

export interface FeedbackRecorderOptions {
  /** Where events go; the JSONL store. */
  store: { appendMany(events: readonly FeedbackEvent[]): Promise<void> };
  /** Team collection, when configured. */
  collector?: { submit(events: readonly FeedbackEvent[]): void };
  /** The user's level, read at every event (settings can change at any time). */
  level: () => FeedbackLevel;
  session: string;
  log?: (message: string) => void;
}

/**
 * The one way skills' results and their labels become preference data. It never throws: a
 * failed write is logged, and the skill's result is shown all the same.
 */
export class FeedbackRecorder {
  constructor(private readonly options: FeedbackRecorderOptions) {}

  get enabled(): boolean {
    return this.options.level() !== 'off';
  }

  private async write(event: FeedbackEvent | undefined): Promise<boolean> {
    if (!event) return false;
    try {
      await this.options.store.appendMany([event]);
      this.options.collector?.submit([event]);
      return true;
    } catch (err) {
      this.options.log?.(`Could not write a feedback ${event.type}: ${errorMessage(err)}`);
      return false;
    }
  }

  /** Records a shown result; returns its id (for labels), or undefined when recording is off. */
  async record(input: RecordInput): Promise<string | undefined> {
    const event = newRecordEvent(input, { session: this.options.session, level: this.options.level() });
    return (await this.write(event)) ? event!.id : undefined;
  }

  /** Attaches a label to a record; a no-op without a record id or when recording is off. */
  async label(recordId: string | undefined, label: Label): Promise<void> {
    if (!recordId) return;
    await this.write(newLabelEvent(recordId, label, { session: this.options.session, level: this.options.level() }));
  }
}
