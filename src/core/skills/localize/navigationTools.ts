import type { CodeIndex } from '../../code/codeIndex';
import { fileSkeleton, findSymbol, searchText } from '../../code/codeNavigation';
import { AtomicError, errorMessage } from '../../errors';
import type { ToolCall, ToolSpec } from '../../model/types';
import type { WorkspacePort } from '../../ports/workspacePort';
import { toModelReadablePath } from '../../workspacePaths';
import { readOnlyToolSpecs, runReadOnlyTool } from '../readOnlyTools';

const maxMatches = 40;

const byName = (name: string) => readOnlyToolSpecs.find((t) => t.name === name)!;

/** Read-only navigation over the code index: what the localization model may do. */
export const navigationToolSpecs: ToolSpec[] = [
  {
    name: 'search_text',
    description: 'Search the indexed workspace files for a literal text and get matching lines (path:line: text). Use it to find where a message, identifier or string from the task appears.',
    parameters: {
      type: 'object',
      properties: { text: { type: 'string' }, path: { type: 'string', description: 'Optional folder to search in.' } },
      required: ['text'],
    },
  },
  {
    name: 'find_symbol',
    description: 'Find definitions (classes, functions, methods) by name, exact or as a substring. Use it to locate code the task names.',
    parameters: {
      type: 'object',
      properties: { name: { type: 'string' }, substring: { type: 'boolean', description: 'Match names containing this text.' } },
      required: ['name'],
    },
  },
  {
    name: 'file_skeleton',
    description: 'Get a file\'s outline: its definitions\' signatures with line numbers and bodies elided. Use it to see what a file contains before reading lines.',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
  byName('read_file'),
  byName('list_directory'),
];

function text(call: ToolCall, name: string): string {
  const v = call.arguments[name];
  if (typeof v !== 'string' || !v.trim()) throw new AtomicError('modelReplyMalformed', `${call.name}: "${name}" must be a non-empty string.`);
  return v;
}

async function run(index: CodeIndex, ws: WorkspacePort, call: ToolCall, signal: AbortSignal): Promise<string> {
  switch (call.name) {
    case 'search_text': {
      const folder = typeof call.arguments.path === 'string' ? toModelReadablePath(ws.root, call.arguments.path) : undefined;
      const matches = await searchText(index, text(call, 'text'), { folder: folder || undefined, maxMatches: maxMatches, signal });
      if (!matches.length) return `No match for "${call.arguments.text}".`;
      const lines = matches.map((m) => `${m.path}:${m.line}: ${m.text.trim().slice(0, 200)}`);
      return lines.join('\n') + (matches.length >= maxMatches ? `\n(first ${maxMatches} matches)` : '');
    }
    case 'find_symbol': {
      const found = findSymbol(index, text(call, 'name'), { substring: call.arguments.substring === true, limit: maxMatches });
      if (!found.length) return `No definition named "${call.arguments.name}".`;
      return found
        .map((m) => `${m.path}:${m.symbol.startLine}-${m.symbol.endLine} ${m.symbol.kind} ${m.symbol.container ? m.symbol.container + '.' : ''}${m.symbol.name}: ${m.symbol.signature}`)
        .join('\n');
    }
    case 'file_skeleton': {
      const rel = toModelReadablePath(ws.root, text(call, 'path'));
      const skeleton = await fileSkeleton(index, rel, { lineNumbers: true });
      return skeleton === undefined ? `${rel} is not an indexed source file.` : `${rel}:\n${skeleton}`;
    }
    case 'read_file':
    case 'list_directory':
      return runReadOnlyTool(ws, call, signal);
    default:
      return `Unknown tool "${call.name}". Available: ${navigationToolSpecs.map((t) => t.name).join(', ')}.`;
  }
}

/** Runs one navigation call; failures come back as text the model can act on. */
export async function runNavigationTool(index: CodeIndex, ws: WorkspacePort, call: ToolCall, signal: AbortSignal): Promise<string> {
  try {
    return await run(index, ws, call, signal);
  } catch (err) {
    if (err instanceof AtomicError && err.reason === 'cancelled') throw err;
    return `Error: ${errorMessage(err)}`;
  }
}
