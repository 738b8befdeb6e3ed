import { editSkill } from './edit/editSkill';
import { reproduceSkill } from './reproduce/reproduceSkill';
import { testsSkill } from './tests/testsSkill';
import { localizeSkill } from './localize/localizeSkill';
import { reviewSkill } from './review/reviewSkill';
import type { SkillDefinition, StepSkillDefinition } from './skillTypes';
import { verifySkill } from './verify/verifySkill';

/** Every implemented skill; the surfaces loop over these and the workflows (skillsAndWorkflows.ts). */
export const skills = [reviewSkill, localizeSkill, editSkill, testsSkill, reproduceSkill] as const;

export type SkillId = (typeof skills)[number]['id'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySkill = SkillDefinition<any, any>;

export function skillById(id: string): AnySkill | undefined {
  return (skills as readonly AnySkill[]).find((s) => s.id === id);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStepSkill = StepSkillDefinition<any, any>;

/** What a workflow step may name: every skill, and `verify`. */
export const stepSkills: readonly AnyStepSkill[] = [...skills, verifySkill];

export function stepSkillById(id: string): AnyStepSkill | undefined {
  return stepSkills.find((s) => s.id === id);
}
