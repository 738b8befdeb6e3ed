import * as vscode from 'vscode';

const secretKey = 'atomicSkills.apiKey';

/** The endpoint's API key, kept in VS Code's SecretStorage (never in settings or logs). */
export class ApiKeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => {
      if (e.key === secretKey) this.changed.fire();
    });
  }

  get(): Thenable<string | undefined> {
    return this.secrets.get(secretKey);
  }

  async promptAndStore(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: 'Atomic Skills: API key of the model endpoint',
      prompt: 'Stored in VS Code\'s secret storage. Leave empty and press Enter to remove the stored key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    if (value.trim()) {
      await this.secrets.store(secretKey, value.trim());
      void vscode.window.showInformationMessage('Atomic Skills: API key stored.');
    } else {
      await this.secrets.delete(secretKey);
      void vscode.window.showInformationMessage('Atomic Skills: API key removed.');
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
