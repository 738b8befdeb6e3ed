import type { AgentSkillDeclaration } from './agentSkillDeclaration';
import { agentSkillName } from './agentSkillName';
import { atomicAgentMarkdown, atomicAgentPath } from './atomicAgent';
import { skillMarkdown } from './skillMarkdown';

export interface GeneratedFile {
  /** Relative to the extension's root (or, for `skills install`, the skill folder's parent). */
  path: string;
  text: string;
}

/** The folder the extension ships its SKILL.md files in. */
export const skillsFolder = 'skills';

/** One `<name>/SKILL.md` per declaration, relative to a skills folder. */
export function skillFiles(declarations: readonly AgentSkillDeclaration[]): GeneratedFile[] {
  return declarations.map((d) => ({ path: `${agentSkillName(d.toolReferenceName)}/SKILL.md`, text: skillMarkdown(d) }));
}

/** Every generated file the extension ships: skills/<name>/SKILL.md and the Atomic agent. */
export function extensionAgentFiles(declarations: readonly AgentSkillDeclaration[]): GeneratedFile[] {
  return [
    ...skillFiles(declarations).map((f) => ({ path: `${skillsFolder}/${f.path}`, text: f.text })),
    { path: atomicAgentPath, text: atomicAgentMarkdown(declarations) },
  ];
}

/** package.json's `chatSkills` and `chatAgents`: the generated files. */
export function agentContributions(declarations: readonly AgentSkillDeclaration[]) {
  return {
    chatSkills: skillFiles(declarations).map((f) => ({ path: `./${skillsFolder}/${f.path}` })),
    chatAgents: [{ path: `./${atomicAgentPath}` }],
  };
}
