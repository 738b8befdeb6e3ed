import * as vscode from 'vscode';
import { builtinWorkflows } from '../core/workflows/builtinWorkflows';
import { loadWorkspaceWorkflows } from '../core/workflows/workflowLoader';
import { workflowStepSkill } from '../core/workflows/workflowSkill';
import type { WorkflowDefinition } from '../core/workflows/workflowTypes';
import type { EditDecisions } from './edits/editDecisions';
import type { EditProposals } from './edits/editProposals';
import { guarded } from './errors';
import { workflowPresenter } from './presenters/workflowPresenter';
import { runAsCommand } from './runAsCommand';
import type { Services } from './services';
import { activeWorkspaceFolder } from './skillContext';

type WorkflowItem = vscode.QuickPickItem & { workflow?: WorkflowDefinition; file?: vscode.Uri };

/** The picker's items: the built-ins, the workspace's own (when trusted), and the invalid files with what is wrong. */
async function workflowItems(folder: vscode.WorkspaceFolder): Promise<WorkflowItem[]> {
  const items: WorkflowItem[] = [
    { label: 'Built-in', kind: vscode.QuickPickItemKind.Separator },
    ...builtinWorkflows.map((w) => ({ label: w.title, description: w.name, detail: w.description, workflow: w })),
  ];
  if (!vscode.workspace.isTrusted) {
    return [...items, { label: 'This workspace', kind: vscode.QuickPickItemKind.Separator }, { label: '$(shield) Trust the workspace to run its own workflows (.atomic/workflows)' }];
  }
  const { workflows, errors } = await loadWorkspaceWorkflows(folder.uri.fsPath);
  if (workflows.length) {
    items.push({ label: 'This workspace (.atomic/workflows)', kind: vscode.QuickPickItemKind.Separator });
    items.push(...workflows.map((w) => ({ label: w.title, description: w.name, detail: w.description, workflow: w })));
  }
  if (errors.length) {
    items.push({ label: 'Invalid workflow files (pick one to open it)', kind: vscode.QuickPickItemKind.Separator });
    items.push(...errors.map((e) => ({ label: `$(warning) ${e.file}`, detail: e.message, file: vscode.Uri.joinPath(folder.uri, e.file) })));
  }
  return items;
}

/**
 * "Run Workflow…": any workflow by name, the built-ins or the workspace's own, run and shown as
 * the built-in workflow commands are (the same presenter: steps' checks, the patch as a proposal).
 */
export function registerRunWorkflow(services: Services, proposals: EditProposals, decisions: EditDecisions): vscode.Disposable {
  return vscode.commands.registerCommand(
    'atomicSkills.runWorkflow',
    guarded('Run Workflow', async () => {
      const folder = activeWorkspaceFolder();
      const picked = await vscode.window.showQuickPick(await workflowItems(folder), { title: 'Atomic Skills: Run Workflow', placeHolder: 'The workflow to run', matchOnDescription: true, matchOnDetail: true });
      if (!picked) return;
      if (picked.file) return void (await vscode.window.showTextDocument(picked.file));
      if (!picked.workflow) return void (await vscode.commands.executeCommand('workbench.trust.manage'));
      const workflow = { ...workflowStepSkill(picked.workflow), title: picked.workflow.title };
      await runAsCommand(services, workflow, workflowPresenter(workflow, proposals, decisions));
    }),
  );
}
