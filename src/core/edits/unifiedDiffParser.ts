import { parsePatch, type StructuredPatch } from 'diff';
import type { DiffHunk, FileEdit, ParseProblem } from './editPlan';
import { fenceOf, pathBefore, replyLines } from './replyLines';
import type { PartialParse } from './searchReplaceParser';

interface ScannedHunk {
  line: number;
  oldStart?: number;
  body: string[];
}

interface Section {
  start: number;
  end: number;
  header: string[];
  hasFileHeader: boolean;
  pathHint?: string;
  hunks: ScannedHunk[];
}

const gitExtendedHeader = /^(old mode|new mode|deleted file mode|new file mode|copy from|copy to|rename from|rename to|similarity index|dissimilarity index|index |Binary files )/;
const hunkHeader = /^@@\s*-(\d+)(?:,(\d+))?\s+\+(\d+)(?:,(\d+))?\s*@@/;

function isFileHeaderAt(lines: readonly string[], i: number): boolean {
  return lines[i].startsWith('--- ') && (lines[i + 1]?.startsWith('+++ ') ?? false);
}

/** True when the reply looks like it holds a unified diff (a hunk header, or ---/+++ file headers). */
export function looksLikeUnifiedDiff(text: string): boolean {
  const lines = replyLines(text);
  return lines.some((l, i) => /^@@.*@@/.test(l) || l.startsWith('diff --git ') || isFileHeaderAt(lines, i));
}

/**
 * Reads unified diffs (git's or plain, one or several files, inside code fences or not, with or
 * without a/ b/ prefixes). Hunk header counts are recomputed from the hunk's lines, so wrong
 * counts do no harm; the header's line number is kept only as a hint. A hunk cut off by the end
 * of the reply, or with a line that is not a diff line inside a fence, is reported and dropped.
 */
export function parseUnifiedDiff(text: string): PartialParse {
  const lines = replyLines(text);
  const problems: ParseProblem[] = [];
  const sections: Section[] = [];
  let current: Section | undefined;
  let inFence = false;
  let floor = 0;
  const open = (start: number): Section => {
    current = { start, end: start, header: [], hasFileHeader: false, hunks: [] };
    sections.push(current);
    return current;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith('diff --git ') || /^Index:\s/.test(line)) {
      const s = open(i);
      s.header.push(line);
      for (i++; i < lines.length && gitExtendedHeader.test(lines[i]); i++) s.header.push(lines[i]);
      s.end = i;
      continue;
    }
    if (isFileHeaderAt(lines, i)) {
      const s = current && !current.hasFileHeader && current.hunks.length === 0 && current.header.length > 0 ? current : open(i);
      s.header.push(line, lines[i + 1]);
      s.hasFileHeader = true;
      i += 2;
      s.end = i;
      continue;
    }
    if (line.startsWith('@@')) {
      const s = current ?? open(i);
      if (!s.hasFileHeader && s.header.length === 0 && s.hunks.length === 0) s.pathHint = pathBefore(lines, i, floor);
      const read = readHunk(lines, i, inFence);
      if ('problem' in read) problems.push({ ...read.problem, path: s.pathHint });
      else s.hunks.push(read.hunk);
      i = read.next;
      s.end = i;
      floor = i;
      continue;
    }
    if (fenceOf(line)) inFence = !inFence;
    else if (line.trim() && current && current.hunks.length > 0) current = undefined; // prose ends a file's section
    i++;
  }
  const edits: FileEdit[] = [];
  let lastPath: string | undefined;
  for (const s of sections) {
    // Hunks after prose, with no header and no path line of their own, continue the previous file.
    if (!s.hasFileHeader && s.header.length === 0 && !s.pathHint) s.pathHint = lastPath;
    const edit = toEdit(s, problems);
    if (edit) edits.push(edit);
    lastPath = edit?.path ?? lastPath;
  }
  return { edits, problems, consumed: sections.map((s) => [s.start, s.end] as [number, number]) };
}

function readHunk(lines: readonly string[], at: number, inFence: boolean): { hunk: ScannedHunk; next: number } | { problem: ParseProblem; next: number } {
  const m = hunkHeader.exec(lines[at]);
  const body: string[] = [];
  const synthetic: boolean[] = [];
  let j = at + 1;
  let stray: number | undefined;
  for (; j < lines.length; j++) {
    const l = lines[j];
    if (l.startsWith('@@') || l.startsWith('diff --git ') || isFileHeaderAt(lines, j) || fenceOf(l)) break;
    if (l === '') {
      body.push(' ');
      synthetic.push(true);
    } else if (l[0] === ' ' || l[0] === '+' || l[0] === '-') {
      body.push(l);
      synthetic.push(false);
    } else if (l[0] !== '\\') {
      stray = j;
      break;
    }
  }
  while (body.length && synthetic[body.length - 1]) {
    body.pop();
    synthetic.pop();
  }
  const counts = { old: body.filter((l) => l[0] !== '+').length, new: body.filter((l) => l[0] !== '-').length };
  const declaredOld = m ? (m[2] === undefined ? 1 : Number(m[2])) : undefined;
  const declaredNew = m ? (m[4] === undefined ? 1 : Number(m[4])) : undefined;
  const shortOfHeader = declaredOld !== undefined && declaredNew !== undefined && (counts.old < declaredOld || counts.new < declaredNew);
  // Cut off: inside a fence the reply never closes, or short of the header's counts in a text
  // that ends mid-line (a complete diff file ends with a newline; wrong counts alone are tolerated).
  const endsMidLine = lines[lines.length - 1] !== '';
  if (j >= lines.length && (inFence || (shortOfHeader && endsMidLine))) {
    return { problem: { kind: 'truncated', message: `The diff hunk at reply line ${at + 1} is cut off by the end of the reply. Send the whole hunk again.`, line: at + 1 }, next: j };
  }
  if (stray !== undefined && (inFence || (shortOfHeader && !/^\s*$/.test(lines[stray])))) {
    return {
      problem: {
        kind: 'malformedDiff',
        message: `Reply line ${stray + 1}, inside the diff hunk at line ${at + 1}, is not a diff line: context lines start with a space, removed lines with '-', added lines with '+'.`,
        line: stray + 1,
      },
      next: stray + 1,
    };
  }
  if (!body.some((l) => l[0] === '+' || l[0] === '-')) {
    return { problem: { kind: 'malformedDiff', message: `The diff hunk at reply line ${at + 1} changes nothing.`, line: at + 1 }, next: j };
  }
  const hunk: ScannedHunk = { line: at + 1, body };
  if (m) hunk.oldStart = Number(m[1]) === 0 && counts.old === 0 ? 1 : Number(m[1]);
  return { hunk, next: j };
}

function stripPrefixes(oldName: string | undefined, newName: string | undefined, isGit: boolean): [string | undefined, string | undefined] {
  const clean = (n: string | undefined) => (n === undefined || n === '/dev/null' ? undefined : n.replace(/\t.*$/, '').trim());
  const o = clean(oldName);
  const n = clean(newName);
  const prefixed = isGit || ((o === undefined || o.startsWith('a/')) && (n === undefined || n.startsWith('b/')) && (o ?? n) !== undefined);
  if (!prefixed) return [o, n];
  return [o?.replace(/^a\//, ''), n?.replace(/^b\//, '')];
}

/** One section as a file edit, its header read by the diff package from a text with recounted hunk headers. */
function toEdit(s: Section, problems: ParseProblem[]): FileEdit | undefined {
  if (s.hunks.length === 0) return undefined;
  const header = [...s.header];
  if (!s.hasFileHeader) {
    const gitPaths = /^diff --git a\/(\S+) b\/(\S+)$/.exec(header[0] ?? '');
    const path = s.pathHint ?? gitPaths?.[2];
    if (!path) {
      problems.push({ kind: 'missingPath', message: `The diff at reply line ${s.start + 1} names no file: start it with --- a/PATH and +++ b/PATH lines.`, line: s.start + 1 });
      return undefined;
    }
    header.push(`--- a/${path}`, `+++ b/${path}`);
  }
  const body = s.hunks.flatMap((h) => {
    const oldCount = h.body.filter((l) => l[0] !== '+').length;
    const newCount = h.body.filter((l) => l[0] !== '-').length;
    return [`@@ -${h.oldStart ?? 1},${oldCount} +${h.oldStart ?? 1},${newCount} @@`, ...h.body];
  });
  let patch: StructuredPatch | undefined;
  try {
    patch = parsePatch([...header, ...body].join('\n') + '\n')[0];
  } catch (err) {
    problems.push({ kind: 'malformedDiff', message: `The diff at reply line ${s.start + 1} cannot be read: ${err instanceof Error ? err.message : String(err)}`, line: s.start + 1 });
    return undefined;
  }
  if (!patch) return undefined;
  const [oldPath, newPath] = stripPrefixes(patch.oldFileName, patch.newFileName, patch.isGit === true);
  const line = s.start + 1;
  if (patch.isBinary) return void problems.push({ kind: 'unsupported', message: `The diff at reply line ${line} changes a binary file.`, line, path: newPath ?? oldPath });
  if (!newPath) {
    return void problems.push({ kind: 'unsupported', message: `The diff at reply line ${line} deletes ${oldPath}; deleting files is not supported.`, line, path: oldPath });
  }
  if (!oldPath || patch.isCreate) {
    const content = s.hunks.flatMap((h) => h.body.filter((l) => l[0] === '+').map((l) => l.slice(1) + '\n')).join('');
    return { kind: 'create', path: newPath, content };
  }
  if (oldPath !== newPath || patch.isRename) {
    return void problems.push({ kind: 'unsupported', message: `The diff at reply line ${line} renames ${oldPath} to ${newPath}; renames are not supported.`, line, path: newPath });
  }
  const hunks: DiffHunk[] = s.hunks.map((h) => (h.oldStart === undefined ? { lines: h.body } : { oldStart: h.oldStart, lines: h.body }));
  return { kind: 'diff', path: newPath, hunks };
}
