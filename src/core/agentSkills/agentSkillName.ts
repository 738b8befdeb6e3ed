import { mcpToolName } from '../skills/mcpToolName';

/** The prefix that keeps our skills together (and apart from other extensions') in an agent's skill list. */
const prefix = 'atomic-';

/**
 * A skill's Agent Skills name, which is also its folder: `atomic-` and the MCP tool name with
 * hyphens (reviewChanges → atomic-review-changes), so every surface's name is one rule apart.
 */
export function agentSkillName(toolReferenceName: string): string {
  return prefix + mcpToolName(toolReferenceName).replace(/_/g, '-');
}

/** The spec's name rule: 1–64 lowercase letters, digits and single hyphens, not at either end. */
export function isValidAgentSkillName(name: string): boolean {
  return name.length <= 64 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name);
}
