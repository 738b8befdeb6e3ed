import type { AgentSkillDeclaration } from './agentSkillDeclaration';
import { agentSkillName, isValidAgentSkillName } from './agentSkillName';
import { inputFieldsTable } from './inputFields';
import { mcpServerCommand, mcpServerName } from './mcpClientConfig';
import { onFailWords } from './onFailWords';
import { mcpToolName } from '../skills/mcpToolName';

/** The Agent Skills specification's limit on `description`. */
export const maxDescriptionLength = 1024;

/**
 * A YAML scalar for the front matter: JSON's string syntax is YAML's double-quoted style, so no
 * colon, quote or `#` in a description can change its meaning.
 */
const yamlString = (s: string) => JSON.stringify(s);

/** The skill's `description`: what it does and when to use it, as its tool tells a calling model. */
export function agentSkillDescription(declaration: AgentSkillDeclaration): string {
  const description = `${declaration.modelDescription} (Atomic Skills ${declaration.kind}: ${declaration.title}.)`;
  // VS Code strips anything tag-like from a contributed skill's description; keep ours intact.
  if (/<[^>]+>/.test(description)) throw new Error(`${declaration.id}: a skill description must not contain <tags>`);
  if (description.length > maxDescriptionLength) throw new Error(`${declaration.id}: description is ${description.length} characters, the limit is ${maxDescriptionLength}`);
  return description;
}

function howToCall(d: AgentSkillDeclaration): string {
  return [
    '## Which tool to call',
    '',
    'Call one of these, whichever your host offers (they take the same input and return the same result):',
    '',
    `- **VS Code chat:** the language-model tool \`${d.toolName}\`; reference it in a prompt as \`#${d.toolReferenceName}\`.`,
    `- **MCP** (Copilot CLI, Claude Code, Codex, Cursor, Cline …): the tool \`${mcpToolName(d.toolReferenceName)}\` of the \`${mcpServerName}\` server (\`${mcpServerCommand.join(' ')}\`).`,
    `- **No tool available:** the CLI, \`npx atomic-skills ${d.cliCommand} --repo . --json\` (\`npx atomic-skills ${d.cliCommand} --help\` lists its flags).`,
  ].join('\n');
}

function consent(d: AgentSkillDeclaration): string {
  const lines = ['Nothing is written to the workspace by the call: changes come back as proposals (diffs) that are written only when the user accepts them.'];
  if (d.runsCommands) lines.push('It runs commands (tests, a reproduction script); each command line is shown to the user and run only with their consent.');
  return lines.join(' ');
}

function stepsSection(d: AgentSkillDeclaration): string[] {
  if (!d.steps?.length) return [];
  const steps = d.steps.map((s, i) => {
    const tool = s.toolReferenceName ? ` (its own tool: \`#${s.toolReferenceName}\` / \`${mcpToolName(s.toolReferenceName)}\`)` : '';
    return `${i + 1}. \`${s.id}\`: the \`${s.skill}\` skill${tool}; when its check fails the workflow ${onFailWords(s.onFail)}.`;
  });
  return ['## Steps', '', ...steps, ''];
}

/** The SKILL.md of one skill or workflow: front matter by the Agent Skills specification, then how to use it. */
export function skillMarkdown(d: AgentSkillDeclaration): string {
  const name = agentSkillName(d.toolReferenceName);
  if (!isValidAgentSkillName(name)) throw new Error(`${d.id}: "${name}" is not a valid Agent Skills name`);
  return [
    '---',
    `name: ${name}`,
    `description: ${yamlString(agentSkillDescription(d))}`,
    '---',
    '',
    `# ${d.title}`,
    '',
    '<!-- Generated from the Atomic Skills registry by scripts/syncManifest.mjs; do not edit. -->',
    '',
    '## When to use it',
    '',
    d.modelDescription,
    '',
    howToCall(d),
    '',
    '## Input',
    '',
    inputFieldsTable(d.inputSchema),
    '',
    ...stepsSection(d),
    '## Reading the check',
    '',
    d.guidance.readCheck,
    '',
    '## When the check fails',
    '',
    d.guidance.onCheckFailed,
    '',
    '## Consent',
    '',
    consent(d),
    '',
  ].join('\n');
}
