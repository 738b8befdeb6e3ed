import { AtomicError } from '../core/errors';
import type { EditPlan, FileEdit, ParsedEdits } from '../core/edits/editPlan';
import { parseEditReply } from '../core/edits/editReplyParser';
import { parseToolCalls } from '../core/edits/toolCallParser';
import type { ToolCall } from '../core/model/types';

function isFileEdit(e: unknown): e is FileEdit {
  if (!e || typeof e !== 'object') return false;
  const r = e as Record<string, unknown>;
  if (typeof r.path !== 'string') return false;
  if (r.kind === 'create') return typeof r.content === 'string';
  if (r.kind === 'replace') return Array.isArray(r.blocks) && r.blocks.every((b) => b && typeof b.search === 'string' && typeof b.replace === 'string');
  if (r.kind === 'diff') return Array.isArray(r.hunks) && r.hunks.every((h) => h && Array.isArray(h.lines) && h.lines.every((l: unknown) => typeof l === 'string'));
  return false;
}

function toolCallsOf(value: unknown): ToolCall[] | undefined {
  const list = Array.isArray(value) ? value : (value as { toolCalls?: unknown; tool_calls?: unknown })?.toolCalls ?? (value as { tool_calls?: unknown })?.tool_calls;
  if (!Array.isArray(list)) return undefined;
  return list.map((c, i) => {
    // Both our ToolCall shape and OpenAI's {function: {name, arguments: "json"}}.
    const fn = c?.function ?? c;
    let args = fn?.arguments ?? {};
    if (typeof args === 'string') {
      try {
        args = JSON.parse(args);
      } catch {
        throw new AtomicError('modelReplyMalformed', `Tool call ${i + 1} has arguments that are not JSON.`);
      }
    }
    return { id: String(c?.id ?? i), name: String(fn?.name ?? ''), arguments: args as Record<string, unknown> };
  });
}

/**
 * A plan file in any supported format: a model reply (SEARCH/REPLACE blocks, unified diff,
 * whole new files), JSON tool calls (ours or OpenAI's `tool_calls`), or an EditPlan as JSON.
 */
export function planFromText(text: string): ParsedEdits {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      const edits = (value as EditPlan)?.edits;
      if (Array.isArray(edits)) {
        const bad = edits.findIndex((e) => !isFileEdit(e));
        if (bad >= 0) throw new AtomicError('modelReplyMalformed', `Edit ${bad + 1} of the JSON plan is not a create, replace or diff edit.`);
        return { plan: { edits }, problems: [], formats: [] };
      }
      const calls = toolCallsOf(value);
      if (calls) return parseToolCalls(calls);
      throw new AtomicError('modelReplyMalformed', 'The JSON plan is neither {"edits": [...]} nor a list of tool calls.');
    }
  }
  return parseEditReply(text);
}
