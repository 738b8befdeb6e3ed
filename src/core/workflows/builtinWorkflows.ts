import addTests from './builtin/addTests.json';
import fix from './builtin/fix.json';
import refactor from './builtin/refactor.json';
import secure from './builtin/secure.json';
import { checkWorkflowShape } from './workflowCheck';
import type { WorkflowDefinition } from './workflowTypes';

/**
 * The four workflows SKILLS.md names: JSON files in the format users write in
 * .atomic/workflows/, checked by the same schema and checks, plus the surface each appears as.
 */
export const builtinWorkflows: WorkflowDefinition[] = [fix, refactor, secure, addTests].map((value) => {
  const { workflow, errors } = checkWorkflowShape(value);
  if (!workflow) throw new Error(`built-in workflow ${(value as { name?: string }).name}: ${errors.join('; ')}`);
  return workflow;
});
