import * as vscode from 'vscode';

/** The extension's one output channel ("Atomic Skills"), shown by "Atomic Skills: Show Log". */
export const log: vscode.LogOutputChannel = vscode.window.createOutputChannel('Atomic Skills', { log: true });
