import { hunkRanges, type ChangedFile } from '../../diff/changeSet';
import type { RawFinding } from './parseReview';
import type { ReviewFinding, UnanchoredFinding } from './reviewTypes';

function findFile(files: ChangedFile[], name: string): ChangedFile | undefined {
  const normalized = name.replace(/\\/g, '/').replace(/^\.\//, '');
  // A real path may start with a folder named a/ or b/: try it as written before dropping a diff prefix.
  const exact = files.find((f) => f.path === normalized) ?? files.find((f) => f.path === normalized.replace(/^[ab]\//, ''));
  if (exact) return exact;
  const clean = normalized.replace(/^[ab]\//, '');
  const bySuffix = files.filter((f) => f.path.endsWith('/' + clean) || clean.endsWith('/' + f.path));
  return bySuffix.length === 1 ? bySuffix[0] : undefined;
}

function describeRanges(ranges: Array<[number, number]>): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
}

/** Keeps the findings that point at a line of the change; the rest are returned with the reason. */
export function anchorFindings(raw: RawFinding[], files: ChangedFile[]): { findings: ReviewFinding[]; unanchored: UnanchoredFinding[] } {
  const findings: ReviewFinding[] = [];
  const unanchored: UnanchoredFinding[] = [];
  for (const finding of raw) {
    const file = findFile(files, finding.file);
    if (!file) {
      unanchored.push({ finding, reason: `${finding.file} is not part of the change` });
      continue;
    }
    const ranges = hunkRanges(file);
    if (finding.line === undefined) {
      unanchored.push({ finding: { ...finding, file: file.path }, reason: 'no line number' });
      continue;
    }
    const line = finding.line;
    if (!ranges.some(([a, b]) => line >= a && line <= b)) {
      unanchored.push({ finding: { ...finding, file: file.path }, reason: `line ${line} is outside the changed lines of ${file.path} (${describeRanges(ranges)})` });
      continue;
    }
    findings.push({ ...finding, file: file.path, line });
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { findings, unanchored };
}
