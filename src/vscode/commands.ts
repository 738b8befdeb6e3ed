import * as vscode from 'vscode';
import { skillsAndWorkflows } from '../core/skills/skillsAndWorkflows';
import { guarded } from './errors';
import { log } from './log';
import { presenterOf } from './presenters';
import { runAsCommand } from './runAsCommand';
import type { Services } from './services';
import { describePattern } from '../core/run/commandConsent';

/** A Command Palette command for every skill and workflow, plus the utility commands. */
export function registerCommands(services: Services): vscode.Disposable[] {
  const skillCommands = skillsAndWorkflows.map((skill) => {
    const presenter = presenterOf(services.presenters, skill);
    return vscode.commands.registerCommand(skill.commandId, guarded(skill.title, () => runAsCommand(services, skill, presenter)));
  });
  return [
    ...skillCommands,
    vscode.commands.registerCommand('atomicSkills.setApiKey', guarded('Set API Key', () => services.apiKeys.promptAndStore())),
    vscode.commands.registerCommand('atomicSkills.configureModel', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', 'atomicSkills.model'),
    ),
    vscode.commands.registerCommand('atomicSkills.showLog', () => log.show()),
    vscode.commands.registerCommand(
      'atomicSkills.forgetAllowedCommands',
      guarded('Forget Allowed Commands', async () => {
        const patterns = services.consent.patterns();
        if (!patterns.length) return void vscode.window.showInformationMessage('Atomic Skills: no command is always allowed in this workspace.');
        const list = patterns.map((p) => describePattern(p)).join('\n');
        const choice = await vscode.window.showWarningMessage('Forget the commands always allowed in this workspace?', { modal: true, detail: list }, 'Forget');
        if (choice === 'Forget') await services.consent.clear();
      }),
    ),
  ];
}
