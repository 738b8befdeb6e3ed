/**
 * Removes the parts of a task text that describe the reporter's setup rather than the problem,
 * so their words do not pull in files: issue-template headings ("### Expected behavior",
 * "**Environment info**") and environment reports (blocks of `name: 1.2.3` lines, `pip freeze`
 * output, version listings). Lines are blanked rather than removed, so line structure (and
 * code blocks) stay intact. The first non-empty line (the title) is always kept.
 */

/** A heading outside code, after a blank line: `### Text`, or a line that is only bold text. Short ones are a template's. */
const heading = /^\s{0,3}(?:#{1,6}\s+(\S.*)|\*\*([^*\n]+)\*\*:?|__([^_\n]+)__:?)\s*$/;
const maxHeadingWords = 8;
/** `label: 1.2.3`, `label==1.2.3`, `label 1.2.3 …`, `label: None`: a version report. */
const versionLine = /^\s*(?:[-*+]\s+)?[A-Za-z][\w .()/+-]{0,40}?(?:\s*(?::|==|\s)\s*.{0,30}?\bv?\d+\.\d+(?:\.\d+)*\b|:\s*(?:None|N\/A|unknown|not installed)\s*$)/i;
/** `label: short value`: a line of the same listing without a version (`OS: Linux`, `machine: x86_64`). */
const keyValueLine = /^\s*(?:[-*+]\s+)?[A-Za-z][\w .()/+-]{0,30}:\s*\S.{0,60}$/;
const maxWords = 12;

function words(line: string): number {
  return line.trim().split(/\s+/).length;
}

function isTemplateHeading(line: string): boolean {
  const m = heading.exec(line);
  return m !== null && words(m[1] ?? m[2] ?? m[3]) <= maxHeadingWords;
}

export function withoutBoilerplate(text: string): string {
  const lines = text.split('\n');
  const titleAt = lines.findIndex((l) => l.trim().length > 0);
  const kind: ('version' | 'keyValue' | 'blank' | 'other')[] = lines.map((l) => {
    if (l.trim() === '') return 'blank';
    if (words(l) > maxWords) return 'other';
    if (versionLine.test(l)) return 'version';
    if (keyValueLine.test(l)) return 'keyValue';
    return 'other';
  });
  const drop = new Uint8Array(lines.length);
  // A run of listing lines (blank lines allowed) with two or more versions is an environment report.
  for (let i = 0; i < lines.length; ) {
    if (kind[i] === 'other' || kind[i] === 'blank') {
      i++;
      continue;
    }
    let j = i;
    let versions = 0;
    while (j < lines.length && kind[j] !== 'other') if (kind[j++] === 'version') versions++;
    if (versions >= 2) for (let k = i; k < j; k++) drop[k] = 1;
    i = j;
  }
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(?:```|~~~)/.test(lines[i])) inFence = !inFence;
    else if (!inFence && i !== titleAt && (i === 0 || lines[i - 1].trim() === '') && isTemplateHeading(lines[i])) drop[i] = 1;
  }
  if (titleAt >= 0) drop[titleAt] = 0;
  return lines.map((l, i) => (drop[i] ? '' : l)).join('\n');
}
