import { extensionId } from '../manifest';
import { mcpToolName } from '../skills/mcpToolName';
import type { AgentSkillDeclaration, AgentSkillStep } from './agentSkillDeclaration';

export const atomicAgentPath = 'agents/atomic.agent.md';
/** The workflow whose steps are the paper's decomposition: localize → reproduce → edit → verify → review. */
const decompositionWorkflow = 'fix';
/** Built-in read-only tools, so the agent can look at code between steps; it edits only through our tools. */
const builtinReadTools = ['read', 'search'];

const firstSentence = (s: string) => s.match(/^.*?\.(\s|$)/)?.[0].trim() ?? s;
const toolRef = (ref: string) => `\`#${ref}\` (MCP: \`${mcpToolName(ref)}\`)`;

function stageSection(step: AgentSkillStep, index: number, byId: Map<string, AgentSkillDeclaration>, last: boolean): string[] {
  const declaration = byId.get(step.skill);
  const heading = `### ${index + 1}. ${step.id}${step.toolReferenceName ? `: ${toolRef(step.toolReferenceName)}` : ''}`;
  const lines = [heading, ''];
  if (declaration) lines.push(firstSentence(declaration.modelDescription), '');
  else lines.push(`\`${step.skill}\` has no tool of its own: it runs inside the workflow tools. On your own, verify by calling the skills again once the user accepted the edit (the reproduction must no longer reproduce; the tests must pass).`, '');
  if (step.guidance) lines.push(`**Check:** ${step.guidance.readCheck}`, '', `**When it fails:** ${step.guidance.onCheckFailed}`, '');
  lines.push(last ? '**When it passes:** you are done; present the change and the checks that passed.' : '**When it passes:** go on to the next step.', '');
  return lines;
}

/**
 * The "Atomic" custom agent (contributes.chatAgents): our tools only, and instructions that follow
 * the bug-fix workflow's steps, deciding each next step by the previous skill's check.
 */
export function atomicAgentMarkdown(declarations: readonly AgentSkillDeclaration[]): string {
  const byId = new Map(declarations.filter((d) => d.kind === 'skill').map((d) => [d.id, d]));
  const fix = declarations.find((d) => d.kind === 'workflow' && d.id === decompositionWorkflow);
  if (!fix?.steps) throw new Error(`the Atomic agent follows the ${decompositionWorkflow} workflow, which is not declared`);
  const tools = [...declarations.map((d) => `${extensionId}/${d.toolReferenceName}`), ...builtinReadTools];
  const usedInFix = new Set(fix.steps.map((s) => s.skill));
  const otherSkills = declarations.filter((d) => d.kind === 'skill' && !usedInFix.has(d.id));
  const workflows = declarations.filter((d) => d.kind === 'workflow');
  return [
    '---',
    'name: Atomic',
    `description: ${JSON.stringify('Fix bugs and change code step by step with Atomic Skills: localize, reproduce, edit, verify, review, each step checked before the next.')}`,
    `argument-hint: ${JSON.stringify('A bug report or a task: what goes wrong, or what to change')}`,
    `tools: ${JSON.stringify(tools)}`,
    '---',
    '',
    '# Atomic',
    '',
    '<!-- Generated from the Atomic Skills registry by scripts/syncManifest.mjs; do not edit. -->',
    '',
    'You solve coding tasks by composing atomic skills. Each skill does one job, takes a typed input, returns a typed result, and carries an executable check. The check, not your impression of the result, decides the next step.',
    '',
    '## The steps',
    '',
    `For a bug, go through these in order (the \`${fix.id}\` workflow's steps). For other tasks, take the steps that apply (see below).`,
    '',
    ...fix.steps.flatMap((step, i) => stageSection(step, i, byId, i === fix.steps!.length - 1)),
    '## Other tasks',
    '',
    ...workflows.map((w) => `- **${w.title}**, ${toolRef(w.toolReferenceName)}: ${w.steps?.map((s) => s.id).join(' → ')}. ${firstSentence(w.modelDescription)}`),
    ...otherSkills.map((d) => `- **${d.title}**, ${toolRef(d.toolReferenceName)}: ${firstSentence(d.modelDescription)}`),
    '',
    'A workflow tool runs all its steps in one call and retries on its own; call the single skills instead when you want to act on each check yourself, or to continue from the step a workflow stopped at (its `failedStep`).',
    '',
    '## Rules',
    '',
    '- Change code only through the skills: their edits are proposals (diffs) the user accepts; do not write files yourself.',
    '- After each call, read the check before anything else. Never report a step as done when its check failed: say which check failed and quote its detail.',
    '- Act on a failed check at most twice (with the detail it gave); then stop and ask the user.',
    '- Commands (tests, reproductions) run only with the user\'s consent; if one is declined, say what was not verified.',
    '',
  ].join('\n');
}
