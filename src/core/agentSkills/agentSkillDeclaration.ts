import type { OnFail } from '../workflows/workflowTypes';
import type { AgentGuidance } from '../skills/skillTypes';

/** One step of a workflow as an agent reads it: the skill it runs and what happens when its check fails. */
export interface AgentSkillStep {
  id: string;
  skill: string;
  onFail: OnFail;
  /** The skill's own tool, when it has one (`verify` runs only inside workflows). */
  toolReferenceName?: string;
  guidance?: AgentGuidance;
}

/**
 * What a SKILL.md (and the Atomic agent) is generated from: a skill's or a built-in workflow's
 * declaration, reduced to what a calling agent needs.
 */
export interface AgentSkillDeclaration {
  kind: 'skill' | 'workflow';
  /** The skill id or the workflow name. */
  id: string;
  title: string;
  /** The LM tool's name (`atomicSkills_<verbNoun>`) and reference name (`#<verbNoun>`); the MCP name derives from the latter. */
  toolName: string;
  toolReferenceName: string;
  /** What it does and when to use it: the LM tool's model description. */
  modelDescription: string;
  inputSchema: Record<string, unknown>;
  /** The CLI words after `atomic-skills` that run it (`review`, `fix`). */
  cliCommand: string;
  /** It runs commands (tests, a reproduction), each asked about first. */
  runsCommands: boolean;
  guidance: AgentGuidance;
  /** Workflows only: their steps in order. */
  steps?: AgentSkillStep[];
}
