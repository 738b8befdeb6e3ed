import { parsePatch, type StructuredPatch } from 'diff';

export type ChangeStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'binary';

export interface ChangedHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

export interface ChangedFile {
  /** Repository-relative path with `/` separators: the new path, or the old one for a deletion. */
  path: string;
  oldPath?: string;
  status: ChangeStatus;
  hunks: ChangedHunk[];
  /** Line numbers (new side, 1-based) of added lines. */
  addedLines: number[];
  /** This file's part of the diff, as text the model reads. */
  patch: string;
}

function stripPrefix(name: string | undefined): string | undefined {
  if (!name || name === '/dev/null') return undefined;
  const clean = name.replace(/\t.*$/, '');
  return /^[ab]\//.test(clean) ? clean.slice(2) : clean;
}

function statusOf(p: StructuredPatch, oldPath?: string, newPath?: string): ChangeStatus {
  if (p.isBinary) return 'binary';
  if (p.isCreate || !oldPath) return 'added';
  if (p.isDelete || !newPath) return 'deleted';
  if (p.isRename || oldPath !== newPath) return 'renamed';
  return 'modified';
}

/** Splits raw diff text at file headers so each file keeps its exact original text. */
function splitFileTexts(diffText: string): string[] {
  const lines = diffText.split('\n');
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('diff --git ')) starts.push(i);
  });
  if (starts.length === 0) return [diffText];
  return starts.map((start, k) => lines.slice(start, starts[k + 1] ?? lines.length).join('\n').replace(/\n*$/, '\n'));
}

/** Parses a unified diff (git's, with its extended headers, or a plain one) into changed files. */
export function parseChangeSet(diffText: string): ChangedFile[] {
  const normalized = diffText.replace(/\r\n/g, '\n');
  if (!normalized.trim()) return [];
  const patches = parsePatch(normalized);
  const texts = splitFileTexts(normalized);
  const sameCount = texts.length === patches.length;
  return patches
    .map((p, i): ChangedFile | undefined => {
      const oldPath = stripPrefix(p.oldFileName);
      const newPath = stripPrefix(p.newFileName);
      const path = newPath ?? oldPath;
      if (!path) return undefined;
      const hunks = p.hunks.map((h) => ({ ...h, lines: [...h.lines] }));
      const addedLines: number[] = [];
      for (const h of hunks) {
        let line = h.newStart;
        for (const l of h.lines) {
          if (l.startsWith('+')) addedLines.push(line++);
          else if (l.startsWith(' ')) line++;
        }
      }
      const status = statusOf(p, oldPath, newPath);
      return {
        path,
        oldPath: oldPath !== path ? oldPath : undefined,
        status,
        hunks,
        addedLines,
        patch: sameCount ? texts[i] : renderFilePatch(path, oldPath, hunks),
      };
    })
    .filter((f): f is ChangedFile => f !== undefined);
}

function renderFilePatch(path: string, oldPath: string | undefined, hunks: ChangedHunk[]): string {
  const head = [`--- ${oldPath ? 'a/' + oldPath : '/dev/null'}`, `+++ b/${path}`];
  const body = hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]);
  return [...head, ...body].join('\n') + '\n';
}

/**
 * The new-side line range [start, end] of each hunk; a pure deletion anchors at the line
 * where the removed text stood.
 */
export function hunkRanges(file: ChangedFile): Array<[number, number]> {
  return file.hunks.map((h) => (h.newLines === 0 ? [Math.max(1, h.newStart), Math.max(1, h.newStart)] : [h.newStart, h.newStart + h.newLines - 1]));
}
