import type { ChangedFile } from '../../diff/changeSet';

const generatedPatterns = [
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|go\.sum|Gemfile\.lock)$/,
  /\.min\.(js|css)$/,
  /\.map$/,
];

export interface DiffSelection {
  files: ChangedFile[];
  omitted: string[];
}

/**
 * Chooses what the reviewer reads within a character budget: whole files in diff order,
 * binary and generated files left out, and if no file fits whole, the first file's
 * leading hunks that do.
 */
export function selectDiff(all: ChangedFile[], budget: number): DiffSelection {
  const files: ChangedFile[] = [];
  const omitted: string[] = [];
  let used = 0;
  for (const file of all) {
    if (file.status === 'binary') {
      omitted.push(`${file.path} (binary)`);
    } else if (generatedPatterns.some((re) => re.test(file.path))) {
      omitted.push(`${file.path} (generated)`);
    } else if (file.hunks.length === 0 && file.status === 'renamed') {
      files.push(file);
    } else if (used + file.patch.length <= budget) {
      files.push(file);
      used += file.patch.length;
    } else {
      omitted.push(`${file.path} (too large)`);
    }
  }
  if (files.every((f) => f.hunks.length === 0) && omitted.some((o) => o.endsWith('(too large)'))) {
    const first = all.find((f) => omitted.includes(`${f.path} (too large)`))!;
    const hunks = [];
    let size = 0;
    for (const h of first.hunks) {
      const length = h.lines.join('\n').length + 40;
      if (size + length > budget) break;
      hunks.push(h);
      size += length;
    }
    if (hunks.length) {
      files.push({ ...first, hunks });
      omitted[omitted.indexOf(`${first.path} (too large)`)] = `${first.path} (only its first ${hunks.length} of ${first.hunks.length} hunks are shown)`;
    }
  }
  return { files, omitted };
}
