import * as path from 'node:path';
import * as vscode from 'vscode';

/** The task: the selection; else the open issue file (markdown or text) if the user picks it; else typed. */
export async function askForTask(title: string, prompt: string): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  if (selected) return selected;
  const doc = editor?.document;
  if (doc && ['markdown', 'plaintext'].includes(doc.languageId) && doc.getText().trim()) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: `Use ${path.basename(doc.fileName)} as the issue`, use: 'file' as const },
        { label: 'Type the task…', use: 'type' as const },
      ],
      { title },
    );
    if (!pick) return undefined;
    if (pick.use === 'file') return doc.getText();
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt,
    ignoreFocusOut: true,
  });
  return typed?.trim() || undefined;
}

