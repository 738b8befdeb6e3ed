import type { ProposedFile } from '../core/diff/proposedFile';
import type { AnySkill } from '../core/skills/registry';
import type { SkillCheck, SkillContext, SkillFeedback, SkillNeed, SkillRun } from '../core/skills/skillTypes';

/** How a source's run records the skill runs inside it (a workflow's steps) as preference data. */
export type RecordRun = (skill: AnySkill, run: SkillRun<unknown>, context: SkillContext) => Promise<string | undefined>;

/**
 * What the MCP server needs of one tool: a registry skill is one as it is; a workflow is adapted
 * (workflowTool). The server is a loop over an array of these and knows no skill by name.
 */
export interface McpToolSource {
  id: string;
  title: string;
  toolReferenceName: string;
  modelDescription: string;
  inputSchema: Record<string, unknown>;
  needs: readonly SkillNeed[];
  /** Open the repository's changes when there is one even without 'git' in needs (a workflow reviews its patch). */
  gitIfPresent?: boolean;
  run(input: never, context: SkillContext, record?: RecordRun): Promise<SkillRun<unknown>>;
  summarize(result: never): string;
  check(result: never): SkillCheck;
  /** The files a result proposes to write: the tool returns them as a proposal, never writes them. */
  proposes?(result: never): ProposedFile[];
  /** Present: the run itself is recorded (a workflow records its steps instead). */
  feedback?(result: never): SkillFeedback;
}

/** A source with its typed parameters erased, as the server calls it. */
export interface CallableToolSource extends Omit<McpToolSource, 'run' | 'summarize' | 'check' | 'proposes' | 'feedback'> {
  run(input: unknown, context: SkillContext, record?: RecordRun): Promise<SkillRun<unknown>>;
  summarize(result: unknown): string;
  check(result: unknown): SkillCheck;
  proposes?(result: unknown): ProposedFile[];
  feedback?(result: unknown): SkillFeedback;
}
