import * as path from 'node:path';
import * as vscode from 'vscode';
import { collectionSetup } from '../../core/feedback/collectionConfig';
import { FeedbackCollector } from '../../core/feedback/collector';
import { consentChoices, consentQuestion, effectiveFeedbackLevel, shouldAskForConsent } from '../../core/feedback/consent';
import { FeedbackRecorder } from '../../core/feedback/feedbackRecorder';
import { FeedbackStore } from '../../core/feedback/feedbackStore';
import type { FeedbackEvent, FeedbackLevel } from '../../core/feedback/feedbackTypes';
import { newSessionId } from '../../core/feedback/recordBuilder';
import { log } from '../log';
import { readSettings } from '../settings';

const askedKey = 'atomicSkills.feedback.consentAsked';
const levels: FeedbackLevel[] = ['off', 'noCode', 'all'];
export const collectionTokenKeys = { http: 'atomicSkills.feedback.collection.http.token', otlp: 'atomicSkills.feedback.collection.otlp.token' };

/** The level the user chose in their settings, if any (the setting is application-scoped). */
function explicitLevel(): FeedbackLevel | undefined {
  const value = vscode.workspace.getConfiguration('atomicSkills.feedback').inspect<string>('level')?.globalValue;
  return levels.includes(value as FeedbackLevel) ? (value as FeedbackLevel) : undefined;
}

/** The preference store, the recorder every surface uses, consent, and team collection. */
export class FeedbackService implements vscode.Disposable {
  readonly store: FeedbackStore;
  readonly recorder: FeedbackRecorder;
  private collector: FeedbackCollector | undefined;
  private collection: 'idle' | 'starting' | 'on' | 'off' = 'idle';
  private pending: FeedbackEvent[] = [];
  private readonly consentItem = vscode.window.createStatusBarItem('atomicSkills.feedbackConsent', vscode.StatusBarAlignment.Right, 99);

  constructor(readonly context: vscode.ExtensionContext) {
    this.consentItem.name = 'Atomic Skills Preference Data';
    this.store = new FeedbackStore(path.join(context.globalStorageUri.fsPath, 'feedback'));
    this.recorder = new FeedbackRecorder({
      store: this.store,
      collector: { submit: (events) => this.submit(events) },
      level: () => this.level,
      session: newSessionId(),
      log: (m) => log.warn(m),
    });
  }

  get folder(): string {
    return this.store.folder;
  }

  /** The level recording happens at now: the level the user chose, else off. */
  get level(): FeedbackLevel {
    return effectiveFeedbackLevel({ explicitLevel: explicitLevel(), telemetryEnabled: vscode.env.isTelemetryEnabled });
  }

  /** Team collection starts with the first event, never on activation; events wait while it starts. */
  private submit(events: readonly FeedbackEvent[]): void {
    if (this.collection === 'off') return;
    if (this.collector) return this.collector.submit(events);
    this.pending.push(...events);
    if (this.collection === 'idle') {
      this.collection = 'starting';
      void this.startCollector().catch((err) => {
        this.collection = 'off';
        this.pending = [];
        log.warn(`Feedback collection could not start: ${err}`);
      });
    }
  }

  private async startCollector(): Promise<void> {
    const settings = readSettings().feedback.collection;
    const secrets = {
      httpToken: (await this.context.secrets.get(collectionTokenKeys.http)) || undefined,
      otlpToken: (await this.context.secrets.get(collectionTokenKeys.otlp)) || undefined,
    };
    const setup = collectionSetup(settings, secrets, String(this.context.extension.packageJSON.version));
    setup.problems.forEach((p) => log.warn(`Feedback collection: ${p}`));
    if (setup.destinations.length) {
      this.collector = new FeedbackCollector({
        folder: path.join(this.context.globalStorageUri.fsPath, 'feedback-collection'),
        destinations: setup.destinations,
        options: setup.options,
        log: (level, message) => (level === 'error' ? log.error(message) : log.info(message)),
      });
      this.collector.submit(this.pending);
      this.collection = 'on';
    } else {
      this.collection = 'off';
    }
    this.pending = [];
  }

  /** Starts collection (to deliver events queued before a restart) when a destination is configured. */
  drainQueuedEvents(): void {
    const { httpUrl, otlpEndpoint } = readSettings().feedback.collection;
    if (httpUrl || otlpEndpoint) this.submit([]);
  }

  /** Settings or tokens changed: the next event starts collection with the new configuration. */
  restartCollection(): void {
    this.collector?.dispose();
    this.collector = undefined;
    this.collection = 'idle';
  }

  /**
   * True once, after a first result: no level chosen, never asked, telemetry on. Remembered as
   * asked as soon as it is true, whatever the user then does with the question.
   */
  async takeConsentQuestion(): Promise<boolean> {
    const inputs = { explicitLevel: explicitLevel(), telemetryEnabled: vscode.env.isTelemetryEnabled, askedBefore: this.context.globalState.get<boolean>(askedKey, false) };
    if (!shouldAskForConsent(inputs)) return false;
    await this.context.globalState.update(askedKey, true);
    return true;
  }

  /** For commands: a status bar item that asks without covering the editor or the chat input. */
  async offerConsent(): Promise<void> {
    if (!(await this.takeConsentQuestion())) return;
    this.consentItem.text = '$(database) Help train Atomic Skills?';
    this.consentItem.tooltip = `${consentQuestion}\nClick to choose.`;
    this.consentItem.command = { command: 'atomicSkills.chooseFeedbackLevel', title: 'Choose Preference Data' };
    this.consentItem.show();
  }

  /** The level chosen with a chat button or the quick pick; `undefined` asks with a quick pick. */
  async chooseLevel(level?: string): Promise<void> {
    this.consentItem.hide();
    let chosen = consentChoices.find((c) => c.level === level || c.title === level);
    if (!level) {
      const pick = await vscode.window.showQuickPick(
        consentChoices.map((c) => ({ label: c.title, choice: c })),
        { title: 'Atomic Skills: preference data', placeHolder: consentQuestion },
      );
      chosen = pick?.choice;
    }
    if (chosen?.level) await vscode.workspace.getConfiguration('atomicSkills.feedback').update('level', chosen.level, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.consentItem.dispose();
    this.collector?.dispose();
    void this.store.close();
  }
}
