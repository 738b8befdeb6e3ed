import type { LocalizationResult } from './localizeTypes';

export function summarizeLocalization(result: LocalizationResult): string {
  const lines = [`**Files to change:** ${result.committed.map((c) => `\`${c}\``).join(', ') || 'none'}`, ''];
  result.files.forEach((f, i) => {
    const symbols = f.symbols.map((s) => `\`${s.name}\` (${s.startLine}-${s.endLine})`).join(', ');
    lines.push(`${i + 1}. \`${f.path}\` (${f.score.toFixed(2)}) — ${f.reason}${symbols ? `: ${symbols}` : ''}`);
  });
  if (result.dropped.length) lines.push('', `Dropped (not in the workspace): ${result.dropped.map((d) => `${d.path} (${d.reason})`).join(', ')}`);
  return lines.join('\n');
}
