import * as vscode from 'vscode';
import { AtomicError } from '../../core/errors';
import { describePattern, isAllowed, patternFor, type CommandPattern } from '../../core/run/commandConsent';
import { formatCommandLine } from '../../core/run/commandLine';
import { runProcess } from '../../core/run/runProcess';
import { bubblewrap } from '../../core/run/sandbox';
import type { CommandRunner } from '../../core/skills/skillTypes';
import { log } from '../log';

const allowedKey = 'atomicSkills.allowedCommands';

export function untrustedWorkspace(): AtomicError {
  return new AtomicError('untrustedWorkspace', 'This skill runs code (tests, a reproduction), and this workspace is not trusted. Trust the folder to use it.');
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
    const known = isAllowed(consent.patterns(), request.argv) || allowedThisRun.some((a) => JSON.stringify(a) === JSON.stringify(request.argv));
    if (!known) {
      const sandboxed = request.sandbox && (await bubblewrap());
      const relative = vscode.workspace.asRelativePath(request.cwd, false);
      const where = relative === request.cwd ? (vscode.workspace.getWorkspaceFolder(vscode.Uri.file(request.cwd)) ? 'the workspace folder' : request.cwd) : relative;
      // A command the model wrote is remembered only exactly as it is: `node <file>` would let any later script run unasked.
      const pattern = patternFor(request.argv, why.modelProposed ? [] : why.fileArgumentIndexes);
      const always = `Always Allow \`${describePattern(pattern)}\``;
      const choice = await vscode.window.showWarningMessage(
        `Atomic Skills wants to ${why.purpose}: ${formatCommandLine(request.argv)}`,
        {
          modal: true,
          detail: [
            `Runs in ${where}${why.modelProposed ? ', as the model wrote it' : ''}, for at most ${Math.round(request.timeoutMs / 1000)} s.`,
            sandboxed ? 'Sandboxed (bubblewrap): no network, writes only inside the workspace.' : 'Not sandboxed: it runs with your permissions.',
          ].join('\n'),
        },
        'Run',
        always,
      );
      if (choice === always) await consent.allow(pattern);
      else if (choice !== 'Run') throw new AtomicError('cancelled', `Not run: you declined ${formatCommandLine(request.argv)}.`);
      allowedThisRun.push(request.argv);
    }
    log.info(`Running ${formatCommandLine(request.argv)} in ${request.cwd} (${why.purpose})`);
    const result = await runProcess(request);
    log.info(`… exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''} in ${result.durationMs} ms${result.sandboxed ? ', sandboxed' : ''}`);
    return result;
  };
}
