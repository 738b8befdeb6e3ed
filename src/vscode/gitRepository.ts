import * as vscode from 'vscode';
import { AtomicError } from '../core/errors';
import { GitChanges } from '../core/git/gitChanges';

/** The subset of the built-in git extension's API (vscode.git, version 1) used here. */
interface GitRepository {
  readonly rootUri: vscode.Uri;
}
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly git: { readonly path: string };
  readonly repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      const sub = api.onDidChangeState((s) => {
        if (s === 'initialized') {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });
  }
  return api;
}

/**
 * The repository to review: the one holding the active editor's file, else the only one, else
 * one the user picks (or, without `interactive`, the first). Repositories and the git binary
 * come from VS Code's git extension; without it, git on PATH in the first workspace folder.
 */
export async function openChangeSource(interactive: boolean): Promise<GitChanges> {
  const api = await gitApi();
  const active = vscode.window.activeTextEditor?.document.uri;
  const repositories = api?.repositories ?? [];
  let root = (active && api?.getRepository(active)?.rootUri) || (repositories.length === 1 ? repositories[0].rootUri : undefined);
  if (!root && repositories.length > 1) {
    if (interactive) {
      const pick = await vscode.window.showQuickPick(
        repositories.map((r) => ({ label: vscode.workspace.asRelativePath(r.rootUri, true) || r.rootUri.fsPath, uri: r.rootUri })),
        { title: 'Atomic Skills: which repository?' },
      );
      if (!pick) throw new AtomicError('cancelled', 'Cancelled.');
      root = pick.uri;
    } else {
      root = repositories[0].rootUri;
    }
  }
  const folder = root ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new AtomicError('git', 'Open a folder that is a git repository first.');
  if (folder.scheme !== 'file') throw new AtomicError('git', `Reviewing needs a local folder; ${folder.toString()} is not one.`);
  return GitChanges.open(folder.fsPath, api?.git.path || 'git');
}
