import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runGit } from '../git/runGit';
import { ignoredFolders } from '../workspace';

/** 'other': a FIFO, socket or device, which has no content to copy or restore. */
export type EntryKind = 'file' | 'link' | 'other';

/** What a run of model-written code could change in a workspace, as found by one walk. */
export interface WorkspaceEntries {
  /** Workspace-relative (with `/`) files and symbolic links: tracked, untracked and ignored single files. */
  entries: Map<string, EntryKind>;
  /** Workspace-relative folders walked, parents before children ('' is the root). */
  dirs: string[];
  /**
   * Folders not walked: `.git` everywhere and the ignored folders (node_modules, build output,
   * virtualenvs): git's ignore rules in a repository, the usual names elsewhere.
   */
  skipped: Set<string>;
}

/** Ignored folders by git's rules (`--directory` lists an ignored folder once instead of its files); undefined outside a repository. */
async function gitIgnoredFolders(root: string, signal?: AbortSignal): Promise<Set<string> | undefined> {
  const out = await runGit(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], { cwd: root, signal }).catch(() => undefined);
  if (out === undefined) return undefined;
  return new Set(out.split('\0').filter((e) => e.endsWith('/')).map((e) => e.slice(0, -1)));
}

/** Walks the workspace as it is before a run: git's ignored folders in a repository, the usual names elsewhere. */
export async function walkBeforeRun(root: string, signal?: AbortSignal): Promise<WorkspaceEntries> {
  const ignored = await gitIgnoredFolders(root, signal);
  return walkWorkspace(root, ignored ?? new Set(), ignored === undefined);
}

/**
 * Walks `root` without following symbolic links, skipping `.git`, the folders in `skipped`, and,
 * with `byName` (outside a git repository), the usual ignored names.
 */
export async function walkWorkspace(root: string, skipped: Set<string>, byName: boolean): Promise<WorkspaceEntries> {
  const entries = new Map<string, EntryKind>();
  const dirs: string[] = [];
  const found = new Set(skipped);
  const queue = [''];
  while (queue.length) {
    const dir = queue.shift()!;
    dirs.push(dir);
    const items = await fs.readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const item of items) {
      const rel = dir ? `${dir}/${item.name}` : item.name;
      if (item.name === '.git' || skipped.has(rel) || (byName && item.isDirectory() && ignoredFolders.has(item.name))) {
        found.add(rel);
        continue;
      }
      if (item.isDirectory()) queue.push(rel);
      else if (item.isSymbolicLink()) entries.set(rel, 'link');
      else entries.set(rel, item.isFile() ? 'file' : 'other');
    }
  }
  return { entries, dirs, skipped: found };
}
