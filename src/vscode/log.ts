import * as vscode from 'vscode';
import { redactCredentials } from '../core/feedback/redactText';

const channel = vscode.window.createOutputChannel('Atomic Skills', { log: true });

/**
 * The extension's one output channel ("Atomic Skills"), shown by "Atomic Skills: Show Log". Every line loses the
 * credentials this process holds (the API keys read from SecretStorage, tokens, URL passwords) before it is
 * written: a log is copied into bug reports.
 */
export const log = {
  info: (message: string) => channel.info(redactCredentials(message)),
  warn: (message: string) => channel.warn(redactCredentials(message)),
  error: (message: string) => channel.error(redactCredentials(message)),
  show: () => channel.show(),
  dispose: () => channel.dispose(),
};
