import { AtomicError, errorMessage, throwIfAborted } from '../errors';
import type { ToolCall, ToolSpec } from '../model/types';
import { ignoredFolders, type WorkspacePort } from '../workspace';
import { isGitMetadata, toModelReadablePath } from '../workspacePaths';

const maxReadLines = 400;
const maxFileBytes = 2_000_000;
const maxSearchFiles = 5000;
const maxSearchMatches = 60;

export const readOnlyToolSpecs: ToolSpec[] = [
  {
    name: 'read_file',
    description: `Read lines of a workspace file (1-based, inclusive; at most ${maxReadLines} lines a call). Use it to see code around a change before judging it.`,
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Workspace-relative path.' },
        startLine: { type: 'integer', minimum: 1 },
        endLine: { type: 'integer', minimum: 1 },
      },
      required: ['path'],
    },
  },
  {
    name: 'search_text',
    description: 'Search workspace files for a literal text (case-sensitive) and get matching lines with paths and line numbers. Use it to find callers or definitions of a changed symbol.',
    parameters: {
      type: 'object',
      properties: {
        text: { type: 'string', description: 'Literal text to find.' },
        path: { type: 'string', description: 'Optional folder to search in (workspace-relative).' },
      },
      required: ['text'],
    },
  },
  {
    name: 'list_directory',
    description: 'List the files and folders of a workspace folder. Use it to find where related code lives.',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Workspace-relative folder; empty for the root.' } },
    },
  },
];

function stringArg(call: ToolCall, name: string, required: boolean): string {
  const value = call.arguments[name];
  if (typeof value === 'string') return value;
  if (value === undefined && !required) return '';
  throw new AtomicError('modelReplyMalformed', `${call.name}: argument "${name}" must be a string.`);
}

function lineArg(call: ToolCall, name: string): number | undefined {
  const value = call.arguments[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new AtomicError('modelReplyMalformed', `${call.name}: argument "${name}" must be a positive integer.`);
  }
  return n;
}

async function readFile(ws: WorkspacePort, call: ToolCall): Promise<string> {
  const rel = toModelReadablePath(ws.root, stringArg(call, 'path', true));
  const lines = (await ws.readText(rel, { maxBytes: maxFileBytes })).split(/\r?\n/);
  // A final line break ends the last line; it does not start another one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const requestedStart = lineArg(call, 'startLine') ?? 1;
  const requestedEnd = lineArg(call, 'endLine');
  if (requestedEnd !== undefined && requestedEnd < requestedStart) {
    throw new AtomicError('modelReplyMalformed', `${call.name}: endLine ${requestedEnd} is before startLine ${requestedStart}.`);
  }
  const start = Math.min(requestedStart, lines.length);
  const end = Math.min(requestedEnd ?? start + maxReadLines - 1, lines.length, start + maxReadLines - 1);
  const body = lines.slice(start - 1, end).map((l, i) => `${start + i}: ${l}`);
  const more = end < lines.length ? `\n(${lines.length} lines in all; read on with startLine ${end + 1})` : '';
  return `${rel} lines ${start}-${end}:\n${body.join('\n')}${more}`;
}

async function listDirectory(ws: WorkspacePort, call: ToolCall): Promise<string> {
  const rel = toModelReadablePath(ws.root, stringArg(call, 'path', false));
  const entries = await ws.list(rel);
  const shown = entries
    .filter((e) => !(e.kind === 'directory' && ignoredFolders.has(e.name)) && !isGitMetadata(e.name))
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1))
    .map((e) => (e.kind === 'directory' ? `${e.name}/` : e.name));
  return `${rel || '.'}:\n${shown.join('\n') || '(empty)'}`;
}

async function searchText(ws: WorkspacePort, call: ToolCall, signal: AbortSignal): Promise<string> {
  const needle = stringArg(call, 'text', true);
  if (!needle) throw new AtomicError('modelReplyMalformed', 'search_text: "text" must not be empty.');
  const start = toModelReadablePath(ws.root, stringArg(call, 'path', false));
  const matches: string[] = [];
  const queue = [start];
  let filesSeen = 0;
  while (queue.length && matches.length < maxSearchMatches && filesSeen < maxSearchFiles) {
    throwIfAborted(signal);
    const dir = queue.shift()!;
    for (const entry of await ws.list(dir).catch(() => [])) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (isGitMetadata(entry.name)) continue;
      if (entry.kind === 'directory') {
        if (!ignoredFolders.has(entry.name)) queue.push(rel);
        continue;
      }
      filesSeen++;
      const text = await ws.readText(rel, { maxBytes: maxFileBytes }).catch(() => undefined);
      if (!text || text.includes('\u0000')) continue;
      text.split(/\r?\n/).forEach((line, i) => {
        if (matches.length < maxSearchMatches && line.includes(needle)) matches.push(`${rel}:${i + 1}: ${line.trim().slice(0, 200)}`);
      });
    }
  }
  if (!matches.length) return `No match for "${needle}".`;
  const capped = matches.length >= maxSearchMatches ? `\n(first ${maxSearchMatches} matches shown)` : '';
  return matches.join('\n') + capped;
}

/** Runs one read-only tool call; failures come back as text the model can act on. */
export async function runReadOnlyTool(ws: WorkspacePort, call: ToolCall, signal: AbortSignal): Promise<string> {
  try {
    switch (call.name) {
      case 'read_file':
        return await readFile(ws, call);
      case 'list_directory':
        return await listDirectory(ws, call);
      case 'search_text':
        return await searchText(ws, call, signal);
      default:
        return `Unknown tool "${call.name}". Available: ${readOnlyToolSpecs.map((t) => t.name).join(', ')}.`;
    }
  } catch (err) {
    if (err instanceof AtomicError && err.reason === 'cancelled') throw err;
    return `Error: ${errorMessage(err)}`;
  }
}
