import type { ApplyResult, BlockResult, NearestCandidate } from './editPlan';

function candidateText(c: NearestCandidate): string {
  const width = String(c.startLine + c.lines.length).length;
  const numbered = c.lines.map((l, i) => `${String(c.startLine + i).padStart(width)}| ${l}`);
  const why = c.why.map((w) => `    - ${w}`);
  return [`  near line ${c.startLine} (similarity ${c.score}):`, ...why, ...numbered.map((l) => `    ${l}`)].join('\n');
}

function blockLine(b: BlockResult): string {
  const where = `${b.path} block ${b.index + 1}`;
  const range = b.range ? (b.range.end >= b.range.start ? ` (lines ${b.range.start}-${b.range.end})` : ` (at line ${b.range.start})`) : '';
  if (b.status === 'applied') return `applied  ${where}${range}${b.reason ? `: ${b.reason}` : ''}`;
  if (b.status === 'appliedFuzzy') return `fuzzy    ${where}${range}: ${b.reason ?? 'matched loosely'}`;
  return `FAILED   ${where}: ${b.reason ?? b.failure}`;
}

/**
 * A plain-text report of an applied plan: one line per block, the nearest candidates of each
 * failed block (file lines verbatim, with numbers), rejected files and reply problems. It is
 * what the CLI prints and what a repair turn shows the model.
 */
export function formatEditReport(result: ApplyResult): string {
  const out: string[] = [];
  for (const p of result.problems) out.push(`PROBLEM  ${p.message}`);
  for (const b of result.blocks) {
    out.push(blockLine(b));
    if (b.status === 'failed' && b.nearest?.length) out.push(...b.nearest.map(candidateText));
  }
  for (const f of result.files) if (f.rejected) out.push(`REJECTED ${f.rejected}`);
  for (const f of result.files) if (f.notSyntaxChecked) out.push(`NOTE     ${f.notSyntaxChecked}`);
  return out.join('\n');
}

/**
 * What the model reads after an attempt that did not fully succeed: which blocks failed and
 * why (with the file's nearest lines), parts of its reply that could not be read, and files
 * that no longer parse. Applied blocks are kept, so it resends only corrections.
 */
export function repairRequest(result: ApplyResult): string {
  const failed = result.blocks.filter((b) => b.status === 'failed' && b.failure !== 'breaksParse');
  const rejected = result.files.filter((f) => f.rejected);
  const parts: string[] = [];
  if (failed.length || result.problems.length) {
    parts.push(
      `${result.blocks.length - failed.length} of ${result.blocks.length} edit blocks applied` +
        (result.problems.length ? `; ${result.problems.length} part(s) of your reply could not be read` : '') +
        '. The applied blocks are kept: resend corrected blocks for the failures below only, copying the old text exactly from the file lines shown.',
    );
    parts.push(formatEditReport({ ...result, blocks: failed, files: [] }));
  }
  if (rejected.length) {
    parts.push('These files no longer parse after the edits (the edits are kept; send blocks that fix the syntax error):');
    parts.push(...rejected.map((f) => `- ${f.rejected}`));
  }
  return parts.join('\n\n');
}
