/**
 * A skill's or workflow's tool name on the MCP surface and in its SKILL.md: the LM tool's
 * reference name in snake case (reviewChanges → review_changes), the style MCP clients use.
 */
export function mcpToolName(toolReferenceName: string): string {
  return toolReferenceName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
