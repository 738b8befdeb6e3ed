import type { CandidateFile } from '../../code/retrieve';
import type { ChatMessage } from '../../model/types';
import { sharedRules } from '../promptRules';

export const localizationFormat = [
  'Answer with exactly this, and nothing after it:',
  '<localization>',
  '{"files": [{"path": "dir/file.ext", "reason": "one line: why this file needs the change", "symbols": ["Class.method", "function_name"]}],',
  ' "committed": ["dir/file.ext"]}',
  '</localization>',
  '"files" is ranked, most likely first (at most 10). "committed" is the set of files you commit to as the ones the fix must change.',
].join('\n');

export interface LocalizePromptInput {
  task: string;
  candidates: CandidateFile[];
  activeFile?: string;
  maxToolTurns: number;
}

function renderCandidate(c: CandidateFile, rank: number): string {
  const symbols = c.symbols.map((s) => `${s.container ? s.container + '.' : ''}${s.name} (${s.kind}, lines ${s.startLine}-${s.endLine})`).join('; ');
  return `${rank}. ${c.path} — ${c.reason}${symbols ? `\n   likely symbols: ${symbols}` : ''}`;
}

export function buildLocalizeMessages(input: LocalizePromptInput): ChatMessage[] {
  const system = [
    'You localize code: given a task or issue, you find the files and the functions, methods or classes in them that must change to resolve it.',
    sharedRules,
    input.maxToolTurns > 0
      ? `You may navigate the code with your read-only tools (at most ${input.maxToolTurns} rounds): search text, find symbols, read file skeletons and line ranges, list folders. Verify a candidate before you commit to it; prefer the code where the bug or the missing behaviour lives over its callers and tests.`
      : 'You have no tools this time: decide from the task and the candidates. Prefer the code where the bug or the missing behaviour lives over its callers and tests.',
    localizationFormat,
  ].join('\n\n');
  const parts = [`<task>\n${input.task.trim()}\n</task>`];
  if (input.activeFile) parts.push(`The user has ${input.activeFile} open.`);
  parts.push(
    input.candidates.length
      ? `Candidates from a search of the code index (a starting point, not the answer):\n${input.candidates.map((c, i) => renderCandidate(c, i + 1)).join('\n')}`
      : 'The code index found no candidate; search for yourself.',
  );
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

export function buildLocalizeRepairMessage(problem: string): ChatMessage {
  return { role: 'user', content: `Your answer could not be read: ${problem}\nReply again in exactly this format.\n${localizationFormat}` };
}
