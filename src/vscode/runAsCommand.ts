import * as vscode from 'vscode';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import type { SkillOrWorkflow } from '../core/skills/skillTypes';
import { toAbortSignal } from './cancellation';
import { log } from './log';
import type { SkillPresenter } from './presenters/presenter';
import { needsTrust, untrustedWorkspace } from './run/commandRunner';
import type { Services } from './services';
import { createSkillContext } from './skillContext';

/** What a command run uses of a declaration: a built-in's or a workspace workflow's. */
export type CommandRunnable<I, O> = Pick<SkillOrWorkflow<I, O>, 'id' | 'title' | 'needs' | 'optionalNeeds' | 'run' | 'summarize' | 'feedback'>;

/**
 * One run from the Command Palette: the presenter asks for the input, the run shows progress and
 * can be cancelled, the result is recorded and shown by the presenter.
 */
export async function runAsCommand<I, O>(services: Services, skill: CommandRunnable<I, O>, presenter: SkillPresenter<I, O>): Promise<void> {
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
}
