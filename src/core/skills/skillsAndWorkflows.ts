import { builtinWorkflows } from '../workflows/builtinWorkflows';
import { workflowSkill, type WorkflowInput } from '../workflows/workflowSkill';
import type { WorkflowResult } from '../workflows/workflowTypes';
import { skills } from './registry';
import type { SkillOrWorkflow } from './skillTypes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySkillOrWorkflow = SkillOrWorkflow<any, any>;

/** The built-in workflows (builtin/*.json), declared as every surface needs them. */
export const workflowSkills: readonly SkillOrWorkflow<WorkflowInput, WorkflowResult>[] = builtinWorkflows.map((w) => workflowSkill(w));

/**
 * The one list every surface loops over: commands, language-model tools, @atomic slash commands
 * and the chat router, the CLI's subcommands, the MCP server's tools. package.json must match it
 * (a unit test checks).
 */
export const skillsAndWorkflows: readonly AnySkillOrWorkflow[] = [...skills, ...workflowSkills];

export function skillOrWorkflowById(id: string): AnySkillOrWorkflow | undefined {
  return skillsAndWorkflows.find((s) => s.id === id);
}
