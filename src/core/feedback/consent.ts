import type { FeedbackLevel } from './feedbackTypes';

export interface ConsentInputs {
  /** The level the user chose explicitly (user or workspace settings), if any. */
  explicitLevel: FeedbackLevel | undefined;
  /** VS Code's telemetry switch (`vscode.env.isTelemetryEnabled`); true in the CLI. */
  telemetryEnabled: boolean;
}

/**
 * What is recorded: only what the user explicitly chose. Without a choice nothing is written,
 * whatever VS Code's telemetry says; a choice always wins over telemetry being off.
 */
export function effectiveFeedbackLevel(inputs: ConsentInputs): FeedbackLevel {
  return inputs.explicitLevel ?? 'off';
}

/** Whether to ask once: no choice yet, not asked before, and telemetry not switched off. */
export function shouldAskForConsent(inputs: ConsentInputs & { askedBefore: boolean }): boolean {
  return inputs.explicitLevel === undefined && !inputs.askedBefore && inputs.telemetryEnabled;
}

/** The one question about preference data, asked where it blocks nothing (in a chat answer, a status bar item). */
export const consentQuestion =
  'Help train the Atomic Skills model? Results you accept or reject can be recorded locally (secrets redacted) and exported for training. You can change this any time in settings.';

/** The answers to the question, in the order they are offered; `undefined`: not now (nothing recorded, not asked again). */
export const consentChoices: ReadonlyArray<{ title: string; level: FeedbackLevel | undefined }> = [
  { title: 'Enable', level: 'all' },
  { title: 'Enable without code', level: 'noCode' },
  { title: 'Not now', level: undefined },
];
