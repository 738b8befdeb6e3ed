import type { EditedFile } from './editTypes';

/** Above this many characters (before + after) a file's full texts are left out of JSON results; its diff stays. */
export const jsonFullTextLimit = 100_000;

/** An edited file as JSON: before/after are absent (and `omitted` says so) when they are huge. */
export type EditedFileJson = Omit<EditedFile, 'before' | 'after'> & { before?: string; after?: string; omitted?: string };

export function editedFileJson(file: EditedFile): EditedFileJson {
  if ((file.before?.length ?? 0) + file.after.length <= jsonFullTextLimit) return file;
  const { before: _before, after: _after, ...rest } = file;
  return { ...rest, omitted: `before/after left out: over ${jsonFullTextLimit} characters; see the diff` };
}

function isEditedFile(value: Record<string, unknown>): value is Record<string, unknown> & EditedFile {
  return typeof value.path === 'string' && typeof value.after === 'string' && typeof value.diff === 'string';
}

/**
 * A result (a skill's, a workflow's with its steps) ready for JSON.stringify, with every edited
 * file in it passed through editedFileJson: a tool result or --json output stays the size of
 * its diffs, not of the files. Parts without a huge file are returned as they are.
 */
export function withoutHugeFileTexts(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v: unknown) => withoutHugeFileTexts(v));
    return items.some((v, i) => v !== value[i]) ? items : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (isEditedFile(record)) return editedFileJson(record);
  let changed: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(record)) {
    const compact = withoutHugeFileTexts(v);
    if (compact !== v) (changed ??= { ...record })[key] = compact;
  }
  return changed ?? value;
}
