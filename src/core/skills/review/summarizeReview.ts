import type { ReviewResult } from './reviewTypes';

export function findingCount(n: number): string {
  return `${n} finding${n === 1 ? '' : 's'}`;
}

/** The verdict line every surface shows. */
export function verdictLine(result: ReviewResult): string {
  return `Atomic Skills review: ${result.judgment} — ${findingCount(result.findings.length)}`;
}

/** A readable markdown summary of a review. */
export function summarizeReview(result: ReviewResult): string {
  const lines = [`**Verdict: ${result.judgment}** — ${findingCount(result.findings.length)} in ${result.files.length} file${result.files.length === 1 ? '' : 's'}`, '', result.review];
  if (result.findings.length) {
    lines.push('', '**Findings**');
    for (const f of result.findings) lines.push(`- \`${f.file}:${f.line}\` [${f.severity}/${f.category}] ${f.message}`);
  }
  if (result.unanchoredFindings.length) {
    lines.push('', '**Not anchored to the change**');
    for (const u of result.unanchoredFindings) lines.push(`- ${u.finding.file}${u.finding.line ? `:${u.finding.line}` : ''}: ${u.finding.message} (${u.reason})`);
  }
  if (result.omittedFiles.length) lines.push('', `Not reviewed: ${result.omittedFiles.join(', ')}`);
  return lines.join('\n');
}
