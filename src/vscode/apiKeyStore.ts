import * as vscode from 'vscode';
import { AtomicError } from '../core/errors';
import { rememberSecret } from '../core/feedback/knownSecrets';
import { endpointOrigin, parseStoredKeys, serializeStoredKeys } from '../core/model/endpointUrl';
import { readSettings } from './settings';

const secretKey = 'atomicSkills.apiKey';

/**
 * API keys of model endpoints, kept in VS Code's SecretStorage (never in settings or logs), each
 * bound to the endpoint origin it was entered for: a workspace's settings can change the base
 * URL, but a key then only goes to the origin the user typed it for.
 */
export class ApiKeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => {
      if (e.key === secretKey) this.changed.fire();
    });
  }

  /** The key stored for this endpoint's origin, if any. */
  async get(baseUrl: string): Promise<string | undefined> {
    if (!baseUrl) return undefined;
    let origin: string;
    try {
      origin = endpointOrigin(baseUrl);
    } catch {
      return undefined;
    }
    const key = (await this.keys()).get(origin);
    // Read means in use: no message, log or notification of this window prints it from now on.
    rememberSecret(key);
    return key;
  }

  async promptAndStore(): Promise<void> {
    const { baseUrl } = readSettings().model;
    if (!baseUrl) {
      throw new AtomicError('configuration', 'Set atomicSkills.model.baseUrl first: an API key is stored for one endpoint and only ever sent to it.');
    }
    const origin = endpointOrigin(baseUrl);
    const value = await vscode.window.showInputBox({
      title: `Atomic Skills: API key for ${origin}`,
      prompt: `Stored in VS Code's secret storage and sent only to ${origin}. Leave empty and press Enter to remove the stored key.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    const keys = await this.keys();
    rememberSecret(value);
    if (value.trim()) keys.set(origin, value.trim());
    else keys.delete(origin);
    await this.secrets.store(secretKey, serializeStoredKeys(keys));
    void vscode.window.showInformationMessage(value.trim() ? `Atomic Skills: API key stored for ${origin}.` : `Atomic Skills: API key for ${origin} removed.`);
  }

  private async keys(): Promise<Map<string, string>> {
    return parseStoredKeys(await this.secrets.get(secretKey), legacyOrigin());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A key stored before keys were bound belongs to the base URL of the user's own settings. */
function legacyOrigin(): string | undefined {
  const user = vscode.workspace.getConfiguration('atomicSkills.model').inspect<string>('baseUrl')?.globalValue?.trim();
  try {
    return user ? endpointOrigin(user) : undefined;
  } catch {
    return undefined;
  }
}
