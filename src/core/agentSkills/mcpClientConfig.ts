/** The MCP server's name in a client's configuration, and the command that starts it (package.json's bin). */
export const mcpServerName = 'atomic-skills';
export const mcpServerCommand = ['npx', 'atomic-skills', 'mcp', '--repo', '.'] as const;

/** The `mcpServers` entry an MCP client (Claude Code, Copilot CLI, Cursor …) needs to reach the skills. */
export function mcpClientConfig(): { mcpServers: Record<string, { command: string; args: string[] }> } {
  const [command, ...args] = mcpServerCommand;
  return { mcpServers: { [mcpServerName]: { command, args } } };
}
