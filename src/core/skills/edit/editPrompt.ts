import type { ChatMessage } from '../../model/types';
import { sharedRules } from '../promptRules';

/** A target file as the prompt shows it: numbered lines, possibly cut. */
export interface EditTargetFile {
  path: string;
  /** The file's text; undefined when it does not exist yet (the model may create it). */
  text: string | undefined;
}

export interface EditPromptInput {
  instruction: string;
  targets: EditTargetFile[];
  selection?: { path: string; startLine: number; endLine: number };
  maxToolTurns: number;
  /** Total characters of file content shown; the rest is left to read_file. */
  maxFileCharacters: number;
}

export const editFormat = [
  'Make the change with your edit tools: str_replace(path, old_str, new_str) for every change to an existing file (old_str copied exactly, unique in the file), create_file(path, content) for a new file. Your edits are recorded and applied together after you finish; finish with a one-line summary.',
  'Without tools, answer with SEARCH/REPLACE blocks instead, one per change, each under the file\'s path:',
  'path/to/file.ext',
  '<<<<<<< SEARCH',
  'the exact existing lines',
  '=======',
  'the new lines',
  '>>>>>>> REPLACE',
  'A unified diff (--- a/path, +++ b/path, @@ hunks) is accepted too.',
  'Rules: copy the old text exactly as it is in the file (indentation included, without the line numbers shown to you); include enough lines for it to match exactly one place; change only what the instruction needs; never rewrite a whole existing file.',
].join('\n');

function numbered(text: string, budget: number): { body: string; used: number } {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const width = String(lines.length).length;
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = `${String(i + 1).padStart(width)}| ${lines[i]}`;
    if (used + line.length + 1 > budget) {
      out.push(`(cut: ${lines.length} lines in all; read lines ${i + 1} and on with read_file)`);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return { body: out.join('\n'), used };
}

function renderTargets(targets: EditTargetFile[], maxChars: number): string {
  let left = maxChars;
  return targets
    .map((t) => {
      if (t.text === undefined) return `<file path="${t.path}">\n(does not exist yet)\n</file>`;
      if (left <= 0) return `<file path="${t.path}">\n(not shown: over the size budget; read it with read_file)\n</file>`;
      const { body, used } = numbered(t.text, left);
      left -= used;
      return `<file path="${t.path}">\n${body}\n</file>`;
    })
    .join('\n\n');
}

export function buildEditMessages(input: EditPromptInput): ChatMessage[] {
  const system = [
    'You edit code: given an instruction and its target files, you make exactly the change asked for, in the style of the surrounding code.',
    sharedRules,
    input.maxToolTurns > 0
      ? `Besides the edit tools you may read files, search text and list folders (at most ${input.maxToolTurns} rounds of tool calls in all).`
      : 'You have no tools this time: answer with SEARCH/REPLACE blocks.',
    editFormat,
  ].join('\n\n');
  const parts = [`<instruction>\n${input.instruction.trim()}\n</instruction>`];
  if (input.selection) parts.push(`The user selected lines ${input.selection.startLine}-${input.selection.endLine} of ${input.selection.path}: the change is about them.`);
  parts.push(
    input.targets.length
      ? `Target files (line numbers are for reference only, not part of the file):\n\n${renderTargets(input.targets, input.maxFileCharacters)}`
      : 'No target file was named: find the code to change with your tools.',
  );
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/** The user turn of a repair: the failure report, and how to answer. */
export function buildEditRepairMessage(report: string, turn: number, maxTurns: number): ChatMessage {
  return {
    role: 'user',
    content: `Your edits did not all apply (repair ${turn} of ${maxTurns}).\n\n${report}\n\nSend only the corrected edits, with the edit tools or as SEARCH/REPLACE blocks.`,
  };
}

/** The text a recorded edit tool call gets back: it is not applied yet. */
export function recordedEditToolResult(path: unknown): string {
  return `recorded: the edit to ${typeof path === 'string' ? path : 'the file'} will be applied with your other edits when you finish.`;
}
