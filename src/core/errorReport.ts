/** How a failure is told to a user, once: the message, what was tried, and the actions that can fix it. */
import { AtomicError, errorMessage, isCancellation } from './errors';

export type ErrorAction = 'configureModel' | 'setApiKey' | 'manageTrust' | 'showLog';

export interface ErrorReport {
  message: string;
  /** Facts that explain the message, one a line (for noModel: each local server tried and what it answered). */
  details: string[];
  /** Most useful first; Show Log always last. */
  actions: ErrorAction[];
}

const configureReasons = new Set(['noModel', 'configuration', 'endpointUnreachable']);

/** Undefined for a cancellation: the user asked for it, there is nothing to report. */
export function errorReport(err: unknown): ErrorReport | undefined {
  if (isCancellation(err)) return undefined;
  const actions: ErrorAction[] = [];
  let details: string[] = [];
  if (err instanceof AtomicError) {
    if (configureReasons.has(err.reason)) actions.push('configureModel');
    if (err.reason === 'authentication') actions.push('setApiKey');
    if (err.reason === 'untrustedWorkspace') actions.push('manageTrust');
    // Other reasons' detail can be a model's reply: it goes to the log, not into the answer.
    if (err.reason === 'noModel' && err.detail) details = err.detail.split('\n').filter((l) => l.trim());
  }
  actions.push('showLog');
  return { message: errorMessage(err), details, actions };
}

/** Backticks around URLs, so Markdown shows them as written (no autolink, no emphasis inside). */
function codeUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s,;)]*[^\s,;).:]/g, (url) => `\`${url}\``);
}

/** The report as the Markdown of a chat answer: the message once, then what was tried. */
export function errorMarkdown(report: ErrorReport): string {
  const tried = report.details.length ? `\n\nTried:\n${report.details.map((d) => `- ${codeUrls(d)}`).join('\n')}` : '';
  return `**Error:** ${codeUrls(report.message)}${tried}\n\n`;
}
