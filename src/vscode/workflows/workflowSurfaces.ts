import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { withoutHugeFileTexts } from '../../core/skills/edit/editedFileJson';
import type { LocalizationResult } from '../../core/skills/localize/localizeTypes';
import { workflowSurfaces, type WorkflowSurface } from '../../core/workflows/workflowSurfaces';
import { toAbortSignal } from '../cancellation';
import type { EditDecisions } from '../edits/editDecisions';
import type { EditProposals } from '../edits/editProposals';
import { guarded } from '../errors';
import { log } from '../log';
import { askForTask } from '../presenters/taskInput';
import type { Services } from '../services';
import { activeWorkspaceFolder } from '../skillContext';
import { untrustedWorkspace } from '../run/commandRunner';
import { runWorkflowHere, stepLine, summarizeWorkflow, type WorkflowRun } from './workflowRun';

export function workflowForChatCommand(command: string | undefined): WorkflowSurface | undefined {
  return workflowSurfaces.find((w) => w.chatCommand.name === command);
}

function propose(proposals: EditProposals, run: WorkflowRun) {
  if (run.result.status !== 'succeeded' || !run.result.files.length) return undefined;
  const proposal = proposals.add(run.root, run.result.files, undefined, run.recordIds);
  const localize = [...run.result.steps].reverse().find((s) => s.skill === 'localize' && s.status === 'passed' && s.recordId);
  if (localize?.recordId) proposal.localization = { recordId: localize.recordId, committed: (localize.output as LocalizationResult).committed };
  return proposal;
}

/** @atomic /fix (and the others): each step streams as it ends, then the patch with Apply / Review / Discard. */
export async function renderWorkflowInChat(
  services: Services,
  proposals: EditProposals,
  surface: WorkflowSurface,
  request: vscode.ChatRequest,
  stream: vscode.ChatResponseStream,
  signal: AbortSignal,
  note = '',
): Promise<WorkflowRun> {
  const root = activeWorkspaceFolder().uri.fsPath;
  const run = await runWorkflowHere(services, surface.workflow, request.prompt, {
    surface: 'chat',
    signal,
    interactive: false,
    requestModel: request.model,
    // Progress lines while it runs; the steps' checks are written once at the end (chat folds
    // markdown that is interleaved with progress into a collapsed group).
    progress: (m) => stream.progress(m),
  });
  const { result, def } = run;
  if (note) stream.markdown(note);
  for (const record of result.steps) {
    stream.markdown(`- ${stepLine(record)}`);
    if (record.skill === 'localize' && record.status === 'passed') {
      for (const file of (record.output as LocalizationResult).committed) {
        stream.markdown(' ');
        stream.anchor(vscode.Uri.file(path.join(root, file)), file);
      }
    }
    stream.markdown('\n');
  }
  stream.markdown('\n');
  if (result.status !== 'succeeded') {
    stream.markdown(`**${def.title}: ${result.status}${result.failedStep ? ` at the ${result.failedStep} step` : ''}.** Nothing was written.\n`);
    return run;
  }
  const proposal = propose(proposals, run);
  if (!proposal) {
    stream.markdown(`**${def.title}: done**, with no change to propose.\n`);
    return run;
  }
  stream.markdown(`**${def.title}: done.** The patch is proposed; nothing is written until you apply it.\n\n\`\`\`diff\n${result.patch.trimEnd()}\n\`\`\`\n`);
  stream.button({ command: 'atomicSkills.acceptAllEdits', title: '$(check) Apply Patch', arguments: [proposal.id] });
  stream.button({ command: 'atomicSkills.reviewEdits', title: '$(diff) Review Diffs', arguments: [proposal.id] });
  stream.button({ command: 'atomicSkills.rejectAllEdits', title: '$(discard) Reject', arguments: [proposal.id] });
  return run;
}

/** A Command Palette command and an LM tool per built-in workflow. */
export function registerWorkflowSurfaces(services: Services, proposals: EditProposals, decisions: EditDecisions): vscode.Disposable[] {
  const commands = workflowSurfaces.map((surface) =>
    vscode.commands.registerCommand(
      surface.commandId,
      guarded(surface.title, async () => {
        if (!vscode.workspace.isTrusted) throw untrustedWorkspace();
        const issue = await askForTask(`Atomic Skills: ${surface.title}`, 'Describe the task or paste the issue');
        if (!issue) return;
        const run = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Atomic Skills: ${surface.title}`, cancellable: true },
          async (progress, token) => {
            const abort = toAbortSignal(token);
            try {
              return await runWorkflowHere(services, surface.workflow, issue, { surface: 'command', signal: abort.signal, interactive: true, progress: (message) => progress.report({ message }) });
            } finally {
              abort.dispose();
            }
          },
        );
        void services.feedback.offerConsent();
        const showSteps = async () => {
          const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: summarizeWorkflow(run) });
          await vscode.window.showTextDocument(doc, { preview: true });
        };
        const proposal = propose(proposals, run);
        if (!proposal) {
          const choice = await vscode.window.showWarningMessage(`Atomic Skills: ${surface.title} ${run.result.status}${run.result.failedStep ? ` at the ${run.result.failedStep} step` : ''}; nothing was written.`, 'Show Steps');
          if (choice === 'Show Steps') await showSteps();
          return;
        }
        await decisions.review(proposal);
        const choice = await vscode.window.showInformationMessage(
          `Atomic Skills: ${surface.title} done: ${run.result.steps.filter((s) => s.status === 'passed').length} checks passed; patch for ${proposal.files.map((f) => f.path).join(', ')}.`,
          'Accept All',
          'Reject All',
          'Show Steps',
        );
        if (choice === 'Accept All') await vscode.commands.executeCommand('atomicSkills.acceptAllEdits', proposal.id);
        if (choice === 'Reject All') await vscode.commands.executeCommand('atomicSkills.rejectAllEdits', proposal.id);
        if (choice === 'Show Steps') await showSteps();
      }),
    ),
  );
  const tools = workflowSurfaces.map((surface) =>
    vscode.lm.registerTool<{ issue?: string }>(surface.toolName, {
      prepareInvocation: () => ({ invocationMessage: `Running the ${surface.title} workflow` }),
      async invoke(options, token) {
        const abort = toAbortSignal(token);
        try {
          const run = await runWorkflowHere(services, surface.workflow, options.input.issue ?? '', { surface: 'tool', signal: abort.signal, interactive: false });
          const steps = run.result.steps.map(({ output: _output, ...rest }) => rest);
          return new vscode.LanguageModelToolResult([
            new vscode.LanguageModelTextPart(JSON.stringify(withoutHugeFileTexts({ ...run.result, steps }))),
            new vscode.LanguageModelTextPart(summarizeWorkflow(run)),
          ]);
        } catch (err) {
          log.error(`Tool ${surface.toolName} failed: ${errorMessage(err)}`);
          throw new Error(`${surface.toolName} failed: ${errorMessage(err)}`);
        } finally {
          abort.dispose();
        }
      },
    }),
  );
  return [...commands, ...tools];
}
