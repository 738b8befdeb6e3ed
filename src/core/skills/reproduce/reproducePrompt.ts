import type { ChatMessage } from '../../model/types';
import { sharedRules } from '../promptRules';

export const reproductionFormat = [
  'Answer with the script, the command that runs it from the workspace root (no shell: no pipes, redirections or &&), and the failure it should show:',
  '<reproduction path="repro_issue.py" command="python3 repro_issue.py">',
  'the whole script',
  '</reproduction>',
  '<expected_failure>the exception, assertion or wrong output the issue describes</expected_failure>',
].join('\n');

export function buildReproduceMessages(issue: string, maxToolTurns: number, hints: string): ChatMessage[] {
  const system = [
    'You reproduce reported bugs: you write the smallest script or test that runs against the code as it is now and fails exactly the way the issue describes (the same exception, assertion or wrong output), and passes once the bug is fixed.',
    sharedRules,
    'Import the project\'s real code; never copy or re-implement it in the script. Exit with a non-zero status when the bug shows (an uncaught exception or a failed assertion does that). Put the script at a new path in the workspace root or the tests folder.',
    maxToolTurns > 0 ? `Read the code first: you may read files, search text, find symbols and list folders (at most ${maxToolTurns} rounds of tool calls).` : '',
    reproductionFormat,
  ].filter(Boolean).join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `<issue>\n${issue.trim()}\n</issue>\n\n${hints}` },
  ];
}

export function buildJudgeMessages(issue: string, script: string, command: string, output: string, exitCode: number | null): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You judge a bug reproduction: given an issue, a script and what running it printed, decide whether the run shows the failure the issue describes. A different failure (a typo in the script, an import error, a missing file, a failure the issue does not mention) is not a reproduction. Answer <judgment>YES</judgment> or <judgment>NO</judgment>, then <reason>one sentence</reason>.',
    },
    {
      role: 'user',
      content: `<issue>\n${issue.trim()}\n</issue>\n\n<script>\n${script}\n</script>\n\nCommand: ${command}\nExit code: ${exitCode}\n<output>\n${output}\n</output>`,
    },
  ];
}

export function parseJudgment(text: string): { matches: boolean; reason: string } | undefined {
  const verdict = /<judgment>\s*(YES|NO)\s*<\/judgment>/i.exec(text);
  if (!verdict) return undefined;
  const reason = /<reason>([\s\S]*?)<\/reason>/i.exec(text)?.[1].trim() ?? text.replace(/<judgment>[\s\S]*?<\/judgment>/i, '').trim();
  return { matches: verdict[1].toUpperCase() === 'YES', reason };
}
