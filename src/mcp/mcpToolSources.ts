import { skills } from '../core/skills/registry';
import { builtinWorkflows } from '../core/workflows/builtinWorkflows';
import { workflowSurfaces } from '../core/workflows/workflowSurfaces';
import type { McpToolSource } from './mcpToolSource';
import { workflowTool } from './workflowTool';

/** Every tool the MCP server offers: the registry's skills, then the built-in workflows. */
export const mcpToolSources: readonly McpToolSource[] = [
  ...skills,
  ...workflowSurfaces.map((surface) => workflowTool(builtinWorkflows.find((w) => w.name === surface.workflow)!, surface)),
];
