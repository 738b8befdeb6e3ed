import * as vscode from 'vscode';
import type { StatusReport } from '../core/model/modelSetupGuidance';
import type { ModelIdentity } from '../core/model/types';

/** Shows the backend and model in use and whether the last model call succeeded. */
export class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('atomicSkills.model', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Atomic Skills Model';
    this.item.command = 'atomicSkills.configureModel';
  }

  showConfigured(description: string): void {
    this.item.text = `$(sparkle) ${description}`;
    this.item.tooltip = `Atomic Skills: ${description} (no call yet). Click to configure.`;
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  reportSuccess(identity: ModelIdentity): void {
    this.item.text = `$(sparkle) ${identity.model}`;
    this.item.tooltip = `Atomic Skills: ${identity.backend} · ${identity.model} at ${identity.endpoint}\nLast call succeeded at ${new Date().toLocaleTimeString()}. Click to configure.`;
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  reportFailure(identity: ModelIdentity | undefined, message: string): void {
    this.item.text = `$(warning) ${identity?.model ?? 'no model'}`;
    this.item.tooltip = `Atomic Skills: ${identity ? `${identity.backend} · ${identity.model} at ${identity.endpoint}\n` : ''}Last call failed: ${message}\nClick to configure.`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }

  /** No model is connected: what was tried is in the tooltip; a click opens the model settings. */
  showNoModel(report: StatusReport): void {
    this.item.text = report.text;
    this.item.tooltip = report.tooltip;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
