import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../regularFile';
import { builtinWorkflows } from './builtinWorkflows';
import { checkWorkflowShape } from './workflowCheck';
import type { WorkflowDefinition } from './workflowTypes';

/**
 * Checks a workspace workflow: the schema and the structural checks, and a name no built-in has.
 * A `surface` (built-ins only: their contributed command and tool) is dropped.
 */
export function checkWorkflow(value: unknown): { workflow?: WorkflowDefinition; errors: string[] } {
  const checked = checkWorkflowShape(value);
  if (!checked.workflow) return checked;
  const { surface: _surface, ...workflow } = checked.workflow;
  if (builtinWorkflows.some((b) => b.name === workflow.name)) return { errors: [`the name "${workflow.name}" is a built-in workflow's; choose another`] };
  return { workflow, errors: [] };
}

/** A workflow file is a few kilobytes; anything past this is not one. */
const maxWorkflowBytes = 1 << 20;

export interface WorkflowFileError {
  file: string;
  message: string;
}

/** The workspace's own workflows (`.atomic/workflows/*.json`), and a clear error per invalid file. */
export async function loadWorkspaceWorkflows(root: string): Promise<{ workflows: WorkflowDefinition[]; errors: WorkflowFileError[] }> {
  const dir = path.join(root, '.atomic', 'workflows');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const workflows: WorkflowDefinition[] = [];
  const errors: WorkflowFileError[] = [];
  for (const name of names) {
    const file = `.atomic/workflows/${name}`;
    let text: string;
    try {
      text = (await readRegularFile(path.join(dir, name), { maxBytes: maxWorkflowBytes, display: file })).toString('utf8');
    } catch (err) {
      errors.push({ file, message: `not readable: ${(err as Error).message}` });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      errors.push({ file, message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const checked = checkWorkflow(value);
    if (checked.workflow && workflows.some((w) => w.name === checked.workflow!.name)) errors.push({ file, message: `another file already defines the workflow "${checked.workflow.name}"` });
    else if (checked.workflow) workflows.push(checked.workflow);
    else errors.push({ file, message: checked.errors.join('; ') });
  }
  return { workflows, errors };
}

/** Built-in and workspace workflows by name. */
export async function findWorkflow(root: string, name: string): Promise<WorkflowDefinition> {
  const builtin = builtinWorkflows.find((w) => w.name === name);
  if (builtin) return builtin;
  const { workflows, errors } = await loadWorkspaceWorkflows(root);
  const found = workflows.find((w) => w.name === name);
  if (found) return found;
  const invalid = errors.map((e) => `${e.file}: ${e.message}`).join('\n');
  throw new Error(`No workflow named "${name}". Built-in: ${builtinWorkflows.map((w) => w.name).join(', ')}${workflows.length ? `; in .atomic/workflows: ${workflows.map((w) => w.name).join(', ')}` : ''}.${invalid ? `\nInvalid workflow files:\n${invalid}` : ''}`);
}
