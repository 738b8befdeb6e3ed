import * as vscode from 'vscode';
import { settingsFrom, type Settings } from '../core/config';

export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(undefined, scope);
  return settingsFrom((key) => config.get(key));
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('atomicSkills')) listener();
  });
}
