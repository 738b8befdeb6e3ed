import type { ChatMessage } from '../../model/types';
import type { ChangedFile } from '../../diff/changeSet';
import { categories, severities } from './reviewTypes';
import { sharedRules } from '../promptRules';

export interface ReviewPromptInput {
  scopeDescription: string;
  files: ChangedFile[];
  omittedFiles: string[];
  intent?: string;
  focus?: string;
  toolsAvailable: boolean;
}

export const reviewFormat = [
  'Answer with exactly these three parts, in this order:',
  '<review>',
  'Your review as prose: what the change does, and every problem you found (correctness first, then security, tests, performance, style).',
  '</review>',
  '<findings>',
  `[{"file": "path/in/diff", "line": 12, "endLine": 12, "severity": "${severities.join('|')}", "category": "${categories.join('|')}", "message": "what is wrong and why", "suggestion": "optional replacement text for lines line..endLine"}]`,
  '</findings>',
  '<judgment>YES or NO</judgment>',
].join('\n');

const judgmentRule =
  'The judgment is YES when the change fully and correctly does what it is meant to do with no defect that should block it, and NO otherwise.';

/** The diff with new-side line numbers in front of each line, so findings can cite exact lines. */
export function renderNumberedDiff(file: ChangedFile): string {
  const header = file.oldPath ? `--- a/${file.oldPath}\n+++ b/${file.path}` : `--- a/${file.path}\n+++ b/${file.path}`;
  const status = file.status === 'modified' ? '' : ` (${file.status})`;
  const hunks = file.hunks.map((h) => {
    let line = h.newStart;
    const body = h.lines.map((l) => {
      if (l.startsWith('\\')) return `      ${l}`;
      const number = l.startsWith('-') ? '' : String(line++);
      return `${number.padStart(5)} ${l}`;
    });
    return [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...body].join('\n');
  });
  return [`File: ${file.path}${status}`, header, ...hunks].join('\n');
}

export function buildReviewMessages(input: ReviewPromptInput): ChatMessage[] {
  const system = [
    'You are a meticulous senior code reviewer.',
    sharedRules,
    input.toolsAvailable
      ? 'You may read files and search the workspace with your tools to understand the code around the change before you answer.'
      : '',
    'Each finding must point at a line of the change: a line number shown in the left column of the diff, in a file of the diff.',
    'Report real problems only; if the change is good, say so and give an empty findings list [].',
    judgmentRule,
    reviewFormat,
  ]
    .filter(Boolean)
    .join('\n\n');
  const parts = [`Review the ${input.scopeDescription}.`];
  if (input.intent?.trim()) parts.push(`The change is meant to do this:\n<intent>\n${input.intent.trim()}\n</intent>`);
  if (input.focus?.trim()) parts.push(`Focus of this review: ${input.focus.trim()}.`);
  if (input.omittedFiles.length) parts.push(`Not shown (too large, binary or generated): ${input.omittedFiles.join(', ')}.`);
  parts.push('The diff (new-side line numbers on the left):\n<diff>\n' + input.files.map(renderNumberedDiff).join('\n\n') + '\n</diff>');
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

export function buildReviewRepairMessage(problem: string): ChatMessage {
  return {
    role: 'user',
    content: `Your answer could not be read: ${problem}\nReply again with the complete review in exactly this format and nothing else.\n${reviewFormat}`,
  };
}
