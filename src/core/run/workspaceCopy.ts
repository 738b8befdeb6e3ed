import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { walkBeforeRun } from './workspaceEntries';

export interface WorkspaceCopy {
  /** The copy's root: a temporary folder with the workspace's own name. */
  dir: string;
  remove(): Promise<void>;
}

/** Runs `job` over `items`, a few at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await job(items[next++]);
  }));
}

/**
 * A temporary copy of the workspace for one run: every file outside `.git` and the ignored
 * folders is copied (a reflink where the file system can), symbolic links are recreated as they
 * are (FIFOs and sockets are not), and each ignored folder (node_modules, build output, virtualenvs) is a symbolic link to
 * the real one, so tests resolve their dependencies; in the sandbox those stay read-only, since
 * only the copy is writable. `.git` is left out: nothing in the copy can reach the repository.
 */
export async function copyWorkspace(root: string, signal?: AbortSignal): Promise<WorkspaceCopy> {
  const walked = await walkBeforeRun(root, signal);
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-copy-'));
  const dir = path.join(base, path.basename(root) || 'workspace');
  const remove = () => fs.rm(base, { recursive: true, force: true }).catch(() => undefined);
  try {
    for (const d of walked.dirs) await fs.mkdir(path.join(dir, d), { recursive: true });
    await eachLimited([...walked.entries], 16, async ([rel, kind]) => {
      const from = path.join(root, rel);
      const to = path.join(dir, rel);
      if (kind === 'other') return;
      if (kind === 'link') await fs.symlink(await fs.readlink(from), to);
      else await fs.copyFile(from, to, constants.COPYFILE_FICLONE);
      if (kind === 'file') await fs.chmod(to, (await fs.stat(from)).mode & 0o7777);
    });
    for (const rel of walked.skipped) {
      if (path.posix.basename(rel) === '.git') continue;
      await fs.symlink(path.join(root, rel), path.join(dir, rel)).catch(() => undefined);
    }
  } catch (err) {
    await remove();
    throw err;
  }
  return { dir, remove };
}
