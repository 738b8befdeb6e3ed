import { skills, stepSkillById, type AnySkill } from '../skills/registry';
import type { AgentGuidance } from '../skills/skillTypes';
import { builtinWorkflows } from '../workflows/builtinWorkflows';
import { workflowSkills, type AnySkillOrWorkflow } from '../skills/skillsAndWorkflows';
import type { AgentSkillDeclaration, AgentSkillStep } from './agentSkillDeclaration';
import { workflowGuidance } from './workflowGuidance';

function guidanceOf(id: string, guidance: AgentGuidance | undefined): AgentGuidance {
  if (!guidance) throw new Error(`skill ${id} declares no agentGuidance (how an agent reads its check)`);
  return guidance;
}

export function skillDeclaration(skill: AnySkill): AgentSkillDeclaration {
  return {
    kind: 'skill',
    id: skill.id,
    title: skill.title,
    toolName: skill.toolName,
    toolReferenceName: skill.toolReferenceName,
    modelDescription: skill.modelDescription,
    inputSchema: skill.inputSchema,
    cliCommand: skill.id,
    runsCommands: skill.needs.includes('run'),
    guidance: guidanceOf(skill.id, skill.agentGuidance),
  };
}

/**
 * A workflow's model description, with a when-to-use sentence from its steps if it has none (the
 * Agent Skills description must say when to use it; refactor, secure and addTests lack one today).
 */
function withWhenToUse(description: string, steps: readonly AgentSkillStep[]): string {
  if (/\bUse it\b/.test(description)) return description;
  const names = steps.map((s) => s.id);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
  return `${description} Use it when the task needs ${list} in one call, each step checked.`;
}

export function workflowDeclaration(surface: AnySkillOrWorkflow): AgentSkillDeclaration {
  const definition = builtinWorkflows.find((w) => w.name === surface.id);
  if (!definition) throw new Error(`no built-in workflow ${surface.id}`);
  const steps: AgentSkillStep[] = definition.steps.map((step) => {
    const skill = stepSkillById(step.skill);
    const toolReferenceName = skill && 'toolReferenceName' in skill ? String(skill.toolReferenceName) : undefined;
    return { id: step.id, skill: step.skill, onFail: step.onFail, toolReferenceName, guidance: skill?.agentGuidance };
  });
  return {
    kind: 'workflow',
    id: definition.name,
    title: surface.title,
    toolName: surface.toolName,
    toolReferenceName: surface.toolReferenceName,
    modelDescription: withWhenToUse(surface.modelDescription, steps),
    inputSchema: surface.inputSchema,
    cliCommand: definition.name,
    runsCommands: steps.some((s) => stepSkillById(s.skill)?.needs.includes('run')),
    guidance: workflowGuidance(steps),
    steps,
  };
}

/** Every skill and built-in workflow, as the SKILL.md files and the Atomic agent see them. */
export const agentSkillDeclarations: AgentSkillDeclaration[] = [...(skills as readonly AnySkill[]).map(skillDeclaration), ...workflowSkills.map(workflowDeclaration)];
