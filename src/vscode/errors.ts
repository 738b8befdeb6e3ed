import * as vscode from 'vscode';
import { AtomicError, errorMessage, isCancellation } from '../core/errors';
import { log } from './log';

const configureReasons = new Set(['noModel', 'configuration', 'endpointUnreachable']);

/** Logs an error and shows it with the actions that can fix it. */
export async function showError(err: unknown, what: string): Promise<void> {
  if (isCancellation(err)) return;
  const message = errorMessage(err);
  log.error(`${what}: ${message}${err instanceof AtomicError && err.detail ? `\n${err.detail}` : ''}`);
  if (!(err instanceof AtomicError)) log.error(err instanceof Error && err.stack ? err.stack : String(err));
  const actions = ['Show Log'];
  if (err instanceof AtomicError && configureReasons.has(err.reason)) actions.unshift('Configure Model');
  if (err instanceof AtomicError && err.reason === 'authentication') actions.unshift('Set API Key');
  if (err instanceof AtomicError && err.reason === 'untrustedWorkspace') actions.unshift('Manage Workspace Trust');
  const choice = await vscode.window.showErrorMessage(`Atomic Skills: ${message}`, ...actions);
  if (choice === 'Show Log') log.show();
  if (choice === 'Configure Model') await vscode.commands.executeCommand('atomicSkills.configureModel');
  if (choice === 'Set API Key') await vscode.commands.executeCommand('atomicSkills.setApiKey');
  if (choice === 'Manage Workspace Trust') await vscode.commands.executeCommand('workbench.trust.manage');
}

/**
 * Every command goes through this: errors are logged and shown (without waiting for the user
 * to dismiss the notification), never thrown into VS Code.
 */
export function guarded<A extends unknown[]>(what: string, handler: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await handler(...args);
    } catch (err) {
      void showError(err, what);
    }
  };
}
