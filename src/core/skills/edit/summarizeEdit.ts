import type { EditResult } from './editTypes';

/** Markdown: the verdict, each file's diff, and the failure report when not every block applied. */
export function summarizeEdit(result: EditResult): string {
  const applied = result.blocks.filter((b) => b.status !== 'failed').length;
  const head = result.ok
    ? `**Edit ready:** ${applied} block(s) applied${result.repairTurns ? ` after ${result.repairTurns} repair turn(s)` : ''}.`
    : result.blocks.length === 0
      ? `**Edit failed:** the model proposed no edit${result.repairTurns ? `, also after ${result.repairTurns} repair turn(s)` : ''}; nothing should be written.`
      : `**Edit failed:** ${result.blocks.length - applied} of ${result.blocks.length} block(s) did not apply after ${result.repairTurns} repair turn(s); nothing should be written.`;
  const lines = [head];
  for (const f of result.files) if (f.after !== f.before) lines.push('', `\`${f.path}\` (${f.change})`, '```diff', f.diff.trimEnd(), '```');
  for (const f of result.files) if (f.notSyntaxChecked) lines.push('', `Note: ${f.notSyntaxChecked}.`);
  if (!result.ok && result.report) lines.push('', '```text', result.report, '```');
  return lines.join('\n');
}
