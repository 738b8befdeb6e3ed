import type { AgentGuidance } from '../skills/skillTypes';
import type { AgentSkillStep } from './agentSkillDeclaration';

/** A workflow's check and what to do when it fails, generated from its steps and their skills' guidance. */
export function workflowGuidance(steps: readonly AgentSkillStep[]): AgentGuidance {
  const seen = new Set<string>();
  const perSkill = steps.flatMap((s) => {
    if (seen.has(s.skill) || !s.guidance) return [];
    seen.add(s.skill);
    return [`- \`${s.skill}\` failed: ${s.guidance.onCheckFailed}`];
  });
  return {
    readCheck:
      '`status` is `succeeded` when every step\'s check passed (then `patch` is the proposed change as one unified diff, and `files` the proposed files); otherwise `failed`, `stopped` or `cancelled`, and `failedStep` names the step that decided it. `steps` lists every attempt of every step with its check `{name, passed, detail}`, so a failure is attributed to one skill.',
    onCheckFailed: [
      'Find the `failedStep` entry in `steps` and read its `check.detail`. The workflow has already retried as listed under Steps, so do not simply call it again: continue from that step with the skill\'s own tool, acting on the detail:',
      '',
      ...perSkill,
    ].join('\n'),
  };
}
