/** Where a skill was run from: the name each surface records in results and preference data. */
export type Surface = 'command' | 'chat' | 'tool' | 'cli' | 'mcp';
