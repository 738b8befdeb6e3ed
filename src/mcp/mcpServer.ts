import * as fs from 'node:fs';
import * as path from 'node:path';
import { SurvivalTracker } from '../core/feedback/survivalTracker';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { version } from '../../package.json';
import { mcpToolName } from '../core/skills/mcpToolName';
import { applyAnnotations, mcpAnnotations } from './mcpAnnotations';
import { runTool, type ToolCall } from './mcpToolCall';
import type { AnySkillOrWorkflow } from '../core/skills/skillsAndWorkflows';
import type { McpSessionDeps } from './mcpSession';
import { ProposalStore, type Proposal } from './proposals';
import { applyToolName, errorResult, proposalOutputSchema, toolOutputSchema } from './mcpResults';
import { WorkspaceWorkflowSession } from './workspaceWorkflowSession';
import { workspaceToolPrefix } from './workspaceWorkflowTools';

const applyInputSchema = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The proposal id a tool result gave (structuredContent.proposal.id).' } },
  required: ['id'],
  additionalProperties: false,
};

const applyDescription =
  'Write one proposal to the workspace: exactly the files an earlier tool call proposed (an edit, generated tests, a workflow\'s patch), all or nothing. Use it after the user has seen the diff and wants it. Refused when a proposed file changed on disk since the proposal was made (call the tool again) or the id is unknown or already applied.';

const instructions = [
  'Atomic Skills: each tool is one checked coding skill (review, localize, edit, generate tests, reproduce) or a workflow of them, run with the configured model on the workspace.',
  'Every result has structuredContent.check: when check.passed is false, read check.detail and call again with what it says (e.g. the nearest lines for an edit whose block did not apply).',
  `Nothing is written by a tool: a result that proposes files carries structuredContent.proposal; show its patch to the user and call ${applyToolName} with its id to write it. A proposal is refused when a file changed since; call the tool again then.`,
  'Commands (tests, reproductions) run only after the user accepts them in an elicitation prompt.',
  `Tools named ${workspaceToolPrefix}… are the repository's own workflows (.atomic/workflows), composed of these skills; the list changes when those files do.`,
].join('\n');

export interface McpServerHandle {
  server: Server;
  proposals: ProposalStore;
  /** At the session's end: the records of proposals never applied are labelled notTaken (no verdict either way). */
  settle(): Promise<void>;
}

/**
 * One MCP session's server: one tool per skill and workflow (a loop, no tool by name), one per
 * workflow of the repository's own (read on each listing and call), plus apply_proposal.
 * Tool descriptions and input schemas are the registry's, sent as the JSON Schemas they are; the
 * low-level Server is used because McpServer.registerTool takes zod schemas only.
 */
export function createMcpServer(sources: readonly AnySkillOrWorkflow[], deps: McpSessionDeps): McpServerHandle {
  const server = new Server({ name: 'atomic-skills', title: 'Atomic Skills', version }, { capabilities: { tools: { listChanged: true } }, instructions });
  const workspace = new WorkspaceWorkflowSession(server, deps);
  const notTaken = async (proposal: Proposal) => {
    const target = proposal.files.map((f) => f.path).join(', ');
    for (const recordId of proposal.recordIds) await deps.recorder.label(recordId, { kind: 'notTaken', target }).catch((err) => deps.log(`could not label ${recordId}: ${String(err)}`));
  };
  const proposals = new ProposalStore((dropped) => void notTaken(dropped));
  const survival = new SurvivalTracker(deps.recorder, deps.survivalCheckpoints);
  const validator = new AjvJsonSchemaValidator();
  const byName = new Map<string, { source: AnySkillOrWorkflow; validate: ReturnType<typeof validator.getValidator> }>();
  const tools: Tool[] = [];
  for (const source of sources) {
    const name = mcpToolName(source.toolReferenceName);
    byName.set(name, { source, validate: validator.getValidator(source.inputSchema as JsonSchemaType) });
    tools.push({
      name,
      title: source.title,
      description: source.modelDescription,
      inputSchema: source.inputSchema as Tool['inputSchema'],
      outputSchema: toolOutputSchema(Boolean(source.proposes)),
      annotations: mcpAnnotations(source),
    });
  }
  const applyTool: Tool = { name: applyToolName, title: 'Apply Proposal', description: applyDescription, inputSchema: applyInputSchema as Tool['inputSchema'], outputSchema: proposalOutputSchema, annotations: applyAnnotations };
  const validateApply = validator.getValidator<{ id: string }>(applyInputSchema as JsonSchemaType);
  // A repository workflow's schema is compiled once per distinct schema, not once per call.
  const workflowValidators = new Map<string, ReturnType<typeof validator.getValidator>>();
  const validateWorkflow = (schema: Record<string, unknown>) => {
    const key = JSON.stringify(schema);
    let validate = workflowValidators.get(key);
    if (!validate) workflowValidators.set(key, (validate = validator.getValidator(schema as JsonSchemaType)));
    return validate;
  };

  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => ({ tools: [...tools, ...(await workspace.list(extra)).map((t) => t.tool), applyTool] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args = {} } = request.params;
    if (name === applyToolName) {
      const checked = validateApply(args);
      if (!checked.valid) return errorResult(`${applyToolName}: invalid input: ${checked.errorMessage}`);
      return applyProposal(proposals, checked.data.id, deps, survival);
    }
    const tool = byName.get(name);
    if (!tool && name.startsWith(workspaceToolPrefix)) {
      const found = await workspace.find(name, extra);
      if ('error' in found) return errorResult(found.error);
      const checked = validateWorkflow(found.tool.source.inputSchema)(args);
      if (!checked.valid) return errorResult(`${name}: invalid input: ${checked.errorMessage}`);
      return runTool({ name, source: found.tool.source, input: checked.data, extra, server, proposals, root: found.root }, deps);
    }
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}. The tools are ${[...byName.keys(), applyToolName].join(', ')}.`);
    const checked = tool.validate(args);
    if (!checked.valid) return errorResult(`${name}: invalid input: ${checked.errorMessage}`);
    const call: ToolCall = { name, source: tool.source, input: checked.data, extra, server, proposals };
    return runTool(call, deps);
  });
  const settle = async () => {
    for (const proposal of proposals.pending()) await notTaken(proposal);
    survival.dispose();
    workspace.dispose();
  };
  return { server, proposals, settle };
}

async function applyProposal(proposals: ProposalStore, id: string, deps: McpSessionDeps, survival: SurvivalTracker): Promise<CallToolResult> {
  let proposal: Proposal;
  try {
    proposal = await proposals.apply(id);
  } catch (err) {
    return errorResult(`${applyToolName} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const written = proposal.files.map((f) => f.path);
  for (const recordId of proposal.recordIds) await deps.recorder.label(recordId, { kind: 'accepted', target: written.join(', ') }).catch((err) => deps.log(`could not label ${recordId}: ${String(err)}`));
  // No keep/undo step here: how much of the written text stays is the preference signal, as in VS Code.
  for (const file of proposal.files) {
    for (const recordId of proposal.recordIds) survival.track(recordId, () => fs.promises.readFile(path.join(proposal.root, file.path), 'utf8'), file.after);
  }
  return { content: [{ type: 'text', text: `Wrote ${written.join(', ')}.` }], structuredContent: { id, written } };
}
