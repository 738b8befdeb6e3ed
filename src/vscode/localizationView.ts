import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LocalizationResult, LocalizedFile, LocalizedSymbol } from '../core/skills/localize/localizeTypes';

type Node = { kind: 'file'; file: LocalizedFile; committed: boolean } | { kind: 'symbol'; file: LocalizedFile; symbol: LocalizedSymbol };

/** The "Localization" tree in the Explorer: ranked files, their likely symbols, each a jump to its location. */
export class LocalizationView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: LocalizationResult | undefined;
  private root = '';
  private readonly view: vscode.TreeView<Node>;

  constructor() {
    this.view = vscode.window.createTreeView('atomicSkills.localization', { treeDataProvider: this, showCollapseAll: true });
  }

  /** The preference record of the localization shown, so a later edit can label it with the files that changed. */
  recordId: string | undefined;

  get current(): LocalizationResult | undefined {
    return this.result;
  }

  async show(result: LocalizationResult, root: string, recordId?: string): Promise<void> {
    this.result = result;
    this.root = root;
    this.recordId = recordId;
    await vscode.commands.executeCommand('setContext', 'atomicSkills.hasLocalization', true);
    this.view.message = result.committed.length ? `Files to change: ${result.committed.join(', ')}` : undefined;
    this.changed.fire();
    const first = this.getChildren()[0];
    if (first) await this.view.reveal(first, { focus: false, select: false, expand: true });
  }

  getChildren(node?: Node): Node[] {
    if (!this.result) return [];
    if (!node) return this.result.files.map((file) => ({ kind: 'file', file, committed: this.result!.committed.includes(file.path) }));
    return node.kind === 'file' ? node.file.symbols.map((symbol) => ({ kind: 'symbol', file: node.file, symbol })) : [];
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'symbol' ? { kind: 'file', file: node.file, committed: this.result?.committed.includes(node.file.path) ?? false } : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const uri = vscode.Uri.file(path.join(this.root, node.file.path));
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(uri, node.file.symbols.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `file:${node.file.path}`;
      item.label = node.file.path;
      item.description = `${node.committed ? '● ' : ''}${node.file.score.toFixed(2)} · ${node.file.reason}`;
      item.tooltip = new vscode.MarkdownString(`**${node.file.path}**${node.committed ? ' (to change)' : ''}\n\n${node.file.reason}`);
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
      return item;
    }
    const { symbol } = node;
    const item = new vscode.TreeItem(symbol.name, vscode.TreeItemCollapsibleState.None);
    item.id = `symbol:${node.file.path}:${symbol.name}:${symbol.startLine}`;
    item.description = `${symbol.kind} · lines ${symbol.startLine}-${symbol.endLine}`;
    item.iconPath = new vscode.ThemeIcon(symbol.kind === 'class' ? 'symbol-class' : symbol.kind === 'method' ? 'symbol-method' : 'symbol-function');
    const selection = new vscode.Range(symbol.startLine - 1, 0, symbol.startLine - 1, 0);
    item.command = { command: 'vscode.open', title: 'Go to', arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
