import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../schemas/workflow.schema.json';
import { referencedSteps } from './references';
import type { WorkflowDefinition } from './workflowTypes';

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function describeError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : 'the file';
  if (e.keyword === 'additionalProperties') return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

/** Checks a parsed workflow: the schema, then what a schema cannot say (ids, references, retry targets). */
export function checkWorkflowShape(value: unknown): { workflow?: WorkflowDefinition; errors: string[] } {
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
  if (errors.length) return { errors };
  return {
    workflow: {
      name: raw.name,
      title: raw.title,
      description: raw.description ?? '',
      task: raw.task ?? ['issue'],
      ...(raw.surface ? { surface: raw.surface } : {}),
      steps: raw.steps.map((s) => ({ ...s, input: s.input ?? {}, onFail: s.onFail ?? { action: 'stop' } })),
    },
    errors: [],
  };
}

