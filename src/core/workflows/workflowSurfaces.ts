import { builtinWorkflows } from './builtinWorkflows';
import type { WorkflowSurfaceDeclaration } from './workflowTypes';

/** How each built-in workflow appears, from its declaration (builtin/*.json). */
export interface WorkflowSurface extends WorkflowSurfaceDeclaration {
  workflow: string;
  title: string;
  toolDisplayName: string;
}

export const workflowInputSchema: Record<string, unknown> = {
  type: 'object',
  properties: { issue: { type: 'string', description: 'The task: the bug report, what to refactor, the weakness, or the code that needs tests.' } },
  required: ['issue'],
};

export const workflowSurfaces: WorkflowSurface[] = builtinWorkflows.map((w) => {
  if (!w.surface) throw new Error(`built-in workflow ${w.name} declares no surface`);
  return { workflow: w.name, title: w.title, ...w.surface, toolDisplayName: w.surface.toolDisplayName ?? w.title };
});
