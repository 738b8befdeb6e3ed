import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { AnySkillOrWorkflow } from '../core/skills/skillsAndWorkflows';

/**
 * The hints a client shows before a call, from what the declaration says the tool does. A tool
 * that only reads (review, localize) is read-only. One that proposes files or runs code is not:
 * it returns a proposal to apply, or runs the project's tests or a model-written script (in a
 * sandbox or overlay, the workspace restored), so it is not read-only, but it deletes or
 * overwrites nothing. None reaches beyond the workspace and the configured model endpoint,
 * hence openWorldHint false. Model replies vary: never idempotent.
 */
export function mcpAnnotations(source: Pick<AnySkillOrWorkflow, 'title' | 'needs' | 'proposes'>): ToolAnnotations {
  const readOnly = !source.proposes && !source.needs.includes('run');
  return { title: source.title, readOnlyHint: readOnly, ...(readOnly ? {} : { destructiveHint: false }), idempotentHint: false, openWorldHint: false };
}

/** apply_proposal overwrites workspace files with a proposal's content. */
export const applyAnnotations: ToolAnnotations = { title: 'Apply Proposal', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false };
