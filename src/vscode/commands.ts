import * as vscode from 'vscode';
import { skillsAndWorkflows } from '../core/skills/skillsAndWorkflows';
import { toAbortSignal } from './cancellation';
import { guarded } from './errors';
import { log } from './log';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { presenterOf } from './presenters';
import type { Services } from './services';
import { createSkillContext } from './skillContext';
import { describePattern } from '../core/run/commandConsent';
import { needsTrust, untrustedWorkspace } from './run/commandRunner';

/** A Command Palette command for every skill and workflow, plus the utility commands. */
export function registerCommands(services: Services): vscode.Disposable[] {
  const skillCommands = skillsAndWorkflows.map((skill) => {
    const presenter = presenterOf(services.presenters, skill);
    return vscode.commands.registerCommand(
      skill.commandId,
      guarded(skill.title, async () => {
        if (needsTrust(skill.needs) && !vscode.workspace.isTrusted) throw untrustedWorkspace(skill.needs);
        const input = await presenter.commandInput();
        if (input === undefined) return;
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Atomic Skills: ${skill.title}`, cancellable: true },
          async (progress, token) => {
            const abort = toAbortSignal(token);
            try {
              const context = await createSkillContext(services, skill, {
                surface: 'command',
                signal: abort.signal,
                interactive: true,
                progress: (message) => progress.report({ message }),
              });
              const run = await skill.run(input, context);
              log.info(`${skill.title}: ${skill.summarize(run.result).split('\n')[0]}`);
              const recordId = await recordSkillRun(services.feedback.recorder, skill, run, context);
              void presenter.showCommandResult(run.result, context, recordId).catch((err) => log.error(String(err)));
              void services.feedback.offerConsent();
            } finally {
              abort.dispose();
            }
          },
        );
      }),
    );
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
