import { applyPatch } from 'diff';
import type { GoldFile } from './editBenchCases';

/**
 * A proposed file's text after the change. JSON results leave out the texts of huge files
 * (editedFileJson) and keep their diff, so those are rebuilt from the file's text before the
 * change and the diff; undefined when that is not possible (then it counts as differing).
 */
export function producedText(file: { path: string; after?: string; diff: string }, gold: GoldFile[]): string | undefined {
  if (file.after !== undefined) return file.after;
  const before = gold.find((g) => g.path === file.path)?.before ?? '';
  const rebuilt = applyPatch(before, file.diff);
  return rebuilt === false ? undefined : rebuilt;
}
