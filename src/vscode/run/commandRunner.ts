import * as vscode from 'vscode';
import { AtomicError } from '../../core/errors';
import { describePattern, patternFor, runsWithoutAsking, type CommandPattern } from '../../core/run/commandConsent';
import { formatCommandLine } from '../../core/run/commandLine';
import { consentDetail } from '../../core/run/consentDetail';
import { runProcess } from '../../core/run/runProcess';
import { notSandboxedText, sandboxState } from '../../core/run/sandboxNotice';
import type { SkillNeed } from '../../core/skills/skillTypes';
import type { CommandRunner } from '../../core/ports/commandRunner';
import { log } from '../log';

const allowedKey = 'atomicSkills.allowedCommands';

export function untrustedWorkspace(needs: readonly SkillNeed[] = ['run']): AtomicError {
  const why = needs.includes('run')
    ? 'This skill runs code (tests, a reproduction)'
    : "This skill runs git, which a repository's own configuration can make run programs,";
  return new AtomicError('untrustedWorkspace', `${why} and this workspace is not trusted. Trust the folder to use it.`);
}

/** Running code, and git (hooks, filters and fsmonitor come from the repository), wait for trust, like VS Code's own git. */
export function needsTrust(needs: readonly SkillNeed[]): boolean {
  return needs.includes('run') || needs.includes('git');
}

/** The commands the user allowed for good in this workspace (workspace state, never settings a repository could ship). */
export class CommandConsentStore {
  constructor(private readonly state: vscode.Memento) {}

  patterns(): CommandPattern[] {
    return this.state.get<CommandPattern[]>(allowedKey, []);
  }

  async allow(pattern: CommandPattern): Promise<void> {
    const all = this.patterns().filter((p) => JSON.stringify(p) !== JSON.stringify(pattern));
    await this.state.update(allowedKey, [...all, pattern]);
  }

  async clear(): Promise<void> {
    await this.state.update(allowedKey, []);
  }
}

/**
 * The runner a skill gets in VS Code: nothing runs in an untrusted workspace; every command
 * needs the user's yes (a modal showing the exact command, where it runs, why, and whether it is
 * sandboxed), unless it matches a command allowed for good, or was allowed earlier in the same
 * skill run. Each runner is made for one skill run.
 */
export function vscodeCommandRunner(consent: CommandConsentStore): CommandRunner {
  const allowedThisRun: string[][] = [];
  return async (request, why) => {
    if (!vscode.workspace.isTrusted) throw untrustedWorkspace();
    const state = await sandboxState(request);
    const warning = state.sandboxed ? undefined : notSandboxedText(state.reason);
    if (!runsWithoutAsking(consent.patterns(), request.argv, why.modelProposed ?? false, allowedThisRun)) {
      const relative = vscode.workspace.asRelativePath(request.cwd, false);
      const where = relative === request.cwd ? (vscode.workspace.getWorkspaceFolder(vscode.Uri.file(request.cwd)) ? 'the workspace folder' : request.cwd) : relative;
      // A command the model wrote is never remembered: the same line can run a different script next time.
      const pattern = patternFor(request.argv, why.fileArgumentIndexes);
      const always = why.modelProposed ? undefined : `Always Allow \`${describePattern(pattern)}\``;
      const choice = await vscode.window.showWarningMessage(
        `Atomic Skills wants to ${why.purpose}${warning ? ' without a sandbox' : ''}: ${formatCommandLine(request.argv)}`,
        {
          modal: true,
          detail: consentDetail({ argv: request.argv, where, modelProposed: why.modelProposed ?? false, timeoutMs: request.timeoutMs, notSandboxed: warning }),
        },
        'Run',
        ...(always ? [always] : []),
      );
      if (always && choice === always) await consent.allow(pattern);
      else if (choice !== 'Run') throw new AtomicError('cancelled', `Not run: you declined ${formatCommandLine(request.argv)}.`);
      allowedThisRun.push(request.argv);
    }
    log.info(`Running ${formatCommandLine(request.argv)} in ${request.cwd} (${why.purpose})`);
    if (warning) log.warn(warning);
    const result = await runProcess(request);
    const ended = `… exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''} in ${result.durationMs} ms`;
    if (result.sandboxed) log.info(`${ended}, sandboxed`);
    else log.warn(`${ended}, NOT sandboxed`);
    return result;
  };
}
