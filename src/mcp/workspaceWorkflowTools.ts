import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { mcpToolName } from '../core/skills/mcpToolName';
import { loadWorkflowFiles, type WorkflowFileError } from '../core/workflows/workflowLoader';
import { workflowStepSkill, workflowToolResult } from '../core/workflows/workflowSkill';
import type { WorkflowDefinition } from '../core/workflows/workflowTypes';
import { mcpAnnotations } from './mcpAnnotations';
import { applyToolName, toolOutputSchema } from './mcpResults';
import type { ToolSource } from './mcpToolCall';

/** No built-in tool name starts with it (a unit test checks), so a repository cannot shadow one. */
export const workspaceToolPrefix = 'workflow_';
const maxToolName = 64;

/** quickFix, quick-fix → workflow_quick_fix: the prefix, then only [a-z0-9_], at most 64 characters. */
export function workspaceWorkflowToolName(name: string): string {
  const snake = mcpToolName(name).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `${workspaceToolPrefix}${snake}`.slice(0, maxToolName);
}

export interface WorkspaceWorkflowTool {
  tool: Tool;
  source: ToolSource;
  file: string;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function description(def: WorkflowDefinition, file: string): string {
  const own = `This workflow is the repository's own (${file}), not one of Atomic Skills' built-ins; it composes Atomic Skills skills (${def.steps.map((s) => s.skill).join(' → ')}), each with its check. Its final patch comes back as a proposal to show the user and write with ${applyToolName}; the commands it runs need the same consent as a built-in workflow's.`;
  return `${clip(def.description ? `${def.title}: ${def.description}` : def.title, 2000)}\n\n${own}`;
}

function toolOf(def: WorkflowDefinition, file: string, name: string): WorkspaceWorkflowTool {
  const source: ToolSource = { ...workflowStepSkill(def), toolResult: workflowToolResult };
  const title = clip(def.title, 100);
  return {
    file,
    source,
    tool: {
      name,
      title,
      description: description(def, file),
      inputSchema: source.inputSchema as Tool['inputSchema'],
      outputSchema: toolOutputSchema(true),
      annotations: mcpAnnotations({ title, needs: source.needs, proposes: source.proposes }),
    },
  };
}

/**
 * One tool per valid workflow in the repository's .atomic/workflows, read now (an edited file
 * shows as it is), and an error per file that is not one: invalid, unreadable, or a workflow
 * whose tool name another file's workflow has already.
 */
export async function loadWorkspaceWorkflowTools(root: string): Promise<{ tools: WorkspaceWorkflowTool[]; errors: WorkflowFileError[] }> {
  const { loaded, errors } = await loadWorkflowFiles(root);
  const tools: WorkspaceWorkflowTool[] = [];
  for (const { file, workflow } of loaded) {
    const name = workspaceWorkflowToolName(workflow.name);
    const other = tools.find((t) => t.tool.name === name);
    if (other) errors.push({ file, message: `its tool name ${name} is already ${other.file}'s; rename the workflow` });
    else tools.push(toolOf(workflow, file, name));
  }
  return { tools, errors };
}

/** The tool name an invalid file would have had (its file name's), to say why a call to it fails. */
export function toolNameOfFile(file: string): string | undefined {
  const stem = /([^/]+)\.json$/.exec(file)?.[1];
  return stem === undefined ? undefined : workspaceWorkflowToolName(stem);
}
