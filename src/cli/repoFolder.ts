import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../core/errors';

/** The absolute folder `--repo` names; a usage error when it is missing or not a folder. */
export function repoFolder(repo: string): string {
  const root = path.resolve(repo);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new AtomicError('usage', `--repo ${repo} is not a folder.`);
  return root;
}
