import Ajv, { type ErrorObject } from 'ajv';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import schema from '../../../schemas/workflow.schema.json';
import { builtinWorkflows } from './builtinWorkflows';
import { referencedSteps } from './references';
import type { WorkflowDefinition } from './workflowTypes';

export interface WorkflowFileError {
  file: string;
  message: string;
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function describeError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : 'the file';
  if (e.keyword === 'additionalProperties') return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

/** Checks a parsed workflow: the schema, then what a schema cannot say (ids, references, retry targets). */
export function checkWorkflow(value: unknown): { workflow?: WorkflowDefinition; errors: string[] } {
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'const').map(describeError);
    return { errors: [...new Set(errors.length ? errors : ['does not match the workflow schema'])] };
  }
  const raw = value as Omit<WorkflowDefinition, 'task' | 'description'> & { task?: string[]; description?: string };
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const step of raw.steps) {
    if (seen.has(step.id)) errors.push(`step id "${step.id}" is used twice`);
    for (const ref of referencedSteps(step.input ?? {})) if (!seen.has(ref)) errors.push(`step "${step.id}" refers to "$${ref}", which is not an earlier step`);
    const from = step.onFail && 'from' in step.onFail ? step.onFail.from : undefined;
    if (from && !seen.has(from) && from !== step.id) errors.push(`step "${step.id}" retries from "${from}", which is not this or an earlier step`);
    seen.add(step.id);
  }
  if (builtinWorkflows.some((b) => b.name === raw.name)) errors.push(`the name "${raw.name}" is a built-in workflow's; choose another`);
  if (errors.length) return { errors };
  return {
    workflow: {
      name: raw.name,
      title: raw.title,
      description: raw.description ?? '',
      task: raw.task ?? ['issue'],
      steps: raw.steps.map((s) => ({ ...s, input: s.input ?? {}, onFail: s.onFail ?? { action: 'stop' } })),
    },
    errors: [],
  };
}

/** The workspace's own workflows (`.atomic/workflows/*.json`), and a clear error per invalid file. */
export async function loadWorkspaceWorkflows(root: string): Promise<{ workflows: WorkflowDefinition[]; errors: WorkflowFileError[] }> {
  const dir = path.join(root, '.atomic', 'workflows');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const workflows: WorkflowDefinition[] = [];
  const errors: WorkflowFileError[] = [];
  for (const name of names) {
    const file = `.atomic/workflows/${name}`;
    let value: unknown;
    try {
      value = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8'));
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
