import * as fs from 'node:fs';
import * as path from 'node:path';

/** The text of every file under `dir` (a feedback store, say), joined; '' when there is no such folder. */
export function folderText(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}
