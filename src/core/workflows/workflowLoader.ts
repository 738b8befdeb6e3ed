import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../regularFile';
import { isWithin } from '../workspacePaths';
import { builtinWorkflows } from './builtinWorkflows';
import { checkWorkflowShape } from './workflowCheck';
import type { WorkflowDefinition } from './workflowTypes';

/** A task field becomes a tool's input property and a CLI flag: a plain short name, a few of them. */
const taskFieldPattern = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
const maxTaskFields = 10;

/**
 * Checks a workspace workflow: the schema and the structural checks, plain task field names, and
 * a name no built-in has. A `surface` (built-ins only: their contributed command and tool) is dropped.
 */
export function checkWorkflow(value: unknown): { workflow?: WorkflowDefinition; errors: string[] } {
  const checked = checkWorkflowShape(value);
  if (!checked.workflow) return checked;
  const { surface: _surface, ...workflow } = checked.workflow;
  if (builtinWorkflows.some((b) => b.name === workflow.name)) return { errors: [`the name "${workflow.name}" is a built-in workflow's; choose another`] };
  // Not a name every object has (constructor, toString …): a missing input field would find the inherited one.
  const odd = workflow.task.filter((field) => !taskFieldPattern.test(field) || field in {});
  if (odd.length) return { errors: [`task fields must be plain names (a letter, then letters, digits or _; at most 40; not constructor, toString or another name every object has): ${odd.map((f) => JSON.stringify(f.slice(0, 50))).join(', ')}`] };
  if (workflow.task.length > maxTaskFields || new Set(workflow.task).size !== workflow.task.length) return { errors: [`task: at most ${maxTaskFields} fields, each once`] };
  return { workflow, errors: [] };
}

/** A workflow file is a few kilobytes; anything past this is not one. */
const maxWorkflowBytes = 1 << 20;
/** More files than this in .atomic/workflows are not read (each listing reads them all). */
const maxWorkflowFiles = 100;

/**
 * Refuses a workflow file whose real path leaves the workspace (a symbolic link, or a linked
 * .atomic folder, to ~/.ssh or another project): its text would reach messages and the model.
 */
async function realWorkflowPath(realRoot: string, file: string, display: string): Promise<string> {
  const real = await fs.realpath(file);
  if (!isWithin(realRoot, real)) throw new Error(`${display} leads through a symbolic link out of the repository; it is not read.`);
  return real;
}

export interface WorkflowFileError {
  file: string;
  message: string;
}

/** A valid workflow and the file it came from. */
export interface WorkflowFile {
  file: string;
  workflow: WorkflowDefinition;
}

/** The workspace's own workflows (`.atomic/workflows/*.json`) with their files, and a clear error per invalid file. */
export async function loadWorkflowFiles(root: string): Promise<{ loaded: WorkflowFile[]; errors: WorkflowFileError[] }> {
  const dir = path.join(root, '.atomic', 'workflows');
  const all = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const names = all.slice(0, maxWorkflowFiles);
  const loaded: WorkflowFile[] = [];
  const errors: WorkflowFileError[] = [];
  if (all.length > names.length) errors.push({ file: '.atomic/workflows', message: `holds ${all.length} .json files; only the first ${maxWorkflowFiles} (by name) are read` });
  const realRoot = names.length ? await fs.realpath(root).catch(() => path.resolve(root)) : root;
  for (const name of names) {
    // A file name is the repository's text too: no control character reaches a log line.
    // eslint-disable-next-line no-control-regex
    const file = `.atomic/workflows/${name.replace(/[\u0000-\u001f\u007f]/g, '?')}`;
    let text: string;
    try {
      const real = await realWorkflowPath(realRoot, path.join(dir, name), file);
      text = (await readRegularFile(real, { maxBytes: maxWorkflowBytes, display: file })).toString('utf8');
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
    if (checked.workflow && loaded.some((w) => w.workflow.name === checked.workflow!.name)) errors.push({ file, message: `another file already defines the workflow "${checked.workflow.name}"` });
    else if (checked.workflow) loaded.push({ file, workflow: checked.workflow });
    else errors.push({ file, message: checked.errors.join('; ') });
  }
  return { loaded, errors };
}

/** The workspace's own workflows (`.atomic/workflows/*.json`), and a clear error per invalid file. */
export async function loadWorkspaceWorkflows(root: string): Promise<{ workflows: WorkflowDefinition[]; errors: WorkflowFileError[] }> {
  const { loaded, errors } = await loadWorkflowFiles(root);
  return { workflows: loaded.map((w) => w.workflow), errors };
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
