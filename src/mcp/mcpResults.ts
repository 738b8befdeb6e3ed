import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

/** The tool that writes one proposal. */
export const applyToolName = 'apply_proposal';

const checkSchema = {
  type: 'object',
  description: "The skill's executable check of this result: did it do its job.",
  properties: { name: { type: 'string' }, passed: { type: 'boolean' }, detail: { type: 'string' } },
  required: ['name', 'passed'],
};

const proposalSchema = {
  type: 'object',
  description: 'Files proposed, not written: pass the id to apply_proposal to write them.',
  properties: {
    id: { type: 'string' },
    files: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, change: { type: 'string', enum: ['create', 'modify'] } }, required: ['path', 'change'] } },
    patch: { type: 'string', description: 'The proposal as one unified diff.' },
  },
  required: ['id', 'files', 'patch'],
};

/**
 * What every tool returns as structuredContent: the skill's typed result (its shape is described
 * by the tool's description), its check, and, for tools that propose files, the proposal when
 * the check passed.
 */
export function toolOutputSchema(proposes: boolean): Tool['outputSchema'] {
  return {
    type: 'object',
    properties: {
      result: { type: 'object', description: "The skill's typed result, as the LM tool returns it." },
      check: checkSchema,
      ...(proposes ? { proposal: proposalSchema } : {}),
    },
    required: ['result', 'check'],
  };
}

export const proposalOutputSchema: Tool['outputSchema'] = {
  type: 'object',
  properties: { id: { type: 'string' }, written: { type: 'array', items: { type: 'string' }, description: 'Workspace-relative paths written.' } },
  required: ['id', 'written'],
};

/** A tool error the calling model can act on (never a protocol error). */
export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
