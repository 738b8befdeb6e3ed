import { AtomicError, errorMessage, throwIfAborted } from '../errors';
import type { ToolCall, ToolSpec } from '../model/types';
import { ignoredFolders } from '../workspace';
import { type WorkspacePort } from '../ports/workspacePort';
import { isGitMetadata, toModelReadablePath } from '../workspacePaths';

const maxReadLines = 400;
/** read_file cuts longer lines (a minified bundle is one line) and stops before this many characters. */
const maxLineChars = 1000;
const maxResultChars = 40_000;
const maxFileBytes = 2_000_000;
const maxSearchFiles = 5000;
const maxSearchMatches = 60;

export const readOnlyToolSpecs: ToolSpec[] = [
  {
    name: 'read_file',
    description: `Read lines of a workspace text file (1-based, inclusive; at most ${maxReadLines} lines and ${maxResultChars} characters a call, lines cut at ${maxLineChars} characters). Use it to see code around a change before judging it.`,
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

/** One numbered line, cut to maxLineChars; `cut` says whether it was. */
function numberedLine(n: number, line: string): { text: string; cut: boolean } {
  if (line.length <= maxLineChars) return { text: `${n}: ${line}`, cut: false };
  return { text: `${n}: ${line.slice(0, maxLineChars)} [… ${line.length - maxLineChars} more characters cut]`, cut: true };
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
  const body: string[] = [];
  let chars = 0;
  let cutLines = 0;
  let last = start - 1;
  for (let n = start; n <= end; n++) {
    const line = numberedLine(n, lines[n - 1]);
    // The first line always goes in (it is cut to maxLineChars), so every call makes progress.
    if (body.length > 0 && chars + line.text.length + 1 > maxResultChars) break;
    body.push(line.text);
    chars += line.text.length + 1;
    if (line.cut) cutLines++;
    last = n;
  }
  const notes: string[] = [];
  if (cutLines) notes.push(`(${cutLines} line${cutLines === 1 ? '' : 's'} over ${maxLineChars} characters cut; the file may be minified or generated)`);
  if (last < end) notes.push(`(stopped after line ${last}: at most ${maxResultChars} characters a call; ${lines.length} lines in all; read on with startLine ${last + 1})`);
  else if (last < lines.length) notes.push(`(${lines.length} lines in all; read on with startLine ${last + 1})`);
  return [`${rel} lines ${start}-${last}:`, ...body, ...notes].join('\n');
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
