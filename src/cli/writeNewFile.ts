import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../core/errors';
import { writeFilesAtomically } from './atomicWriter';

/** Writes a file the run made (tests, a reproduction script) into the repository, never over one that exists now. */
export async function writeNewFile(root: string, relative: string, content: string): Promise<void> {
  const target = path.resolve(root, relative);
  if (fs.existsSync(target)) throw new AtomicError('usage', `${relative} exists now; not overwritten.`);
  await writeFilesAtomically([{ path: target, content: Buffer.from(content, 'utf8') }]);
}
