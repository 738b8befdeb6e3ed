import type { ToolCall } from '../model/types';
import type { FileEdit, ParsedEdits, ParseProblem } from './editPlan';
import { checkReplySize } from './replySize';

/** The edit tools a model may call, as declared to it (native tool calling or the text protocol). */
export const editToolNames = { replace: 'str_replace', create: 'create_file' } as const;

function stringArg(args: Record<string, unknown>, names: string[]): string | undefined {
  for (const n of names) if (typeof args[n] === 'string') return args[n] as string;
  return undefined;
}

/** What one call asks for: a replacement, a new file, or nothing this parser knows. */
function readCall(call: ToolCall): { kind: 'replace' | 'create'; path?: string; old?: string; new?: string; content?: string } | undefined {
  const args = call.arguments ?? {};
  let kind: 'replace' | 'create' | undefined;
  if (['str_replace', 'replace_in_file', 'edit_file'].includes(call.name)) kind = 'replace';
  else if (['create_file', 'write_new_file'].includes(call.name)) kind = 'create';
  else if (['str_replace_editor', 'str_replace_based_edit_tool'].includes(call.name)) {
    if (args.command === 'str_replace') kind = 'replace';
    else if (args.command === 'create') kind = 'create';
  }
  if (!kind) return undefined;
  return {
    kind,
    path: stringArg(args, ['path', 'file_path', 'filePath', 'filename', 'file']),
    old: stringArg(args, ['old_str', 'old', 'old_string', 'oldString', 'search']),
    new: stringArg(args, ['new_str', 'new', 'new_string', 'newString', 'replace']),
    content: stringArg(args, ['content', 'file_text', 'text', 'contents']),
  };
}

/** The UTF-8 size of the string arguments of the edit tool calls (what a plan would hold). */
function argumentBytes(calls: readonly ToolCall[]): number {
  let bytes = 0;
  for (const call of calls) {
    if (!readCall(call)) continue;
    for (const value of Object.values(call.arguments)) if (typeof value === 'string') bytes += Buffer.byteLength(value, 'utf8');
  }
  return bytes;
}

/**
 * Edit tool calls as a plan: str_replace(path, old, new) becomes a search/replace block with the
 * tool's string semantics (exact, unique, may be part of a line); create_file(path, content) a new
 * file. Consecutive replacements in one file form one edit, in call order. Other tools are ignored.
 */
export function parseToolCalls(calls: readonly ToolCall[]): ParsedEdits {
  checkReplySize(argumentBytes(calls), "The edit tool calls' text");
  const edits: FileEdit[] = [];
  const problems: ParseProblem[] = [];
  calls.forEach((call, n) => {
    const c = readCall(call);
    if (!c) return;
    const which = `Tool call ${n + 1} (${call.name})`;
    if (!c.path) return void problems.push({ kind: 'badToolCall', message: `${which} has no "path" argument.` });
    if (c.kind === 'create') {
      if (c.content === undefined) return void problems.push({ kind: 'badToolCall', message: `${which} has no "content" argument.`, path: c.path });
      edits.push({ kind: 'create', path: c.path, content: c.content });
      return;
    }
    if (c.old === undefined || c.new === undefined) {
      return void problems.push({ kind: 'badToolCall', message: `${which} needs both "old_str" and "new_str" arguments.`, path: c.path });
    }
    if (c.old === '') return void problems.push({ kind: 'badToolCall', message: `${which} has an empty "old_str"; quote the exact text to replace.`, path: c.path });
    const block = { search: c.old, replace: c.new, match: 'substring' as const };
    const last = edits[edits.length - 1];
    if (last?.kind === 'replace' && last.path === c.path) last.blocks.push(block);
    else edits.push({ kind: 'replace', path: c.path, blocks: [block] });
  });
  return { plan: { edits }, problems, formats: edits.length ? ['toolCalls'] : [] };
}
