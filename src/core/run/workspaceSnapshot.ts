import { createHash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { walkBeforeRun, walkWorkspace, type EntryKind, type WorkspaceEntries } from './workspaceEntries';

interface Recorded {
  kind: EntryKind;
  stat: Stats;
  /** sha256 of a file's bytes, a link's target. */
  content: string;
}

export interface SnapshotRestore {
  /** Workspace-relative paths the run changed, created or deleted; each was put back. */
  restored: string[];
  /** Where the run's versions of those paths were moved (absent when there were none to keep). */
  savedAt?: string;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** ctime cannot be set back by a program, so equal stats (ctime included) mean unchanged bytes without reading them. */
const sameStat = (a: Stats, b: Stats) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.mode === b.mode;

/** Moves `from` to `to`, across file systems when it must. */
async function moveAside(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
    await fs.rm(from, { recursive: true, force: true });
  }
}

/**
 * The files of a workspace before a run (everything outside `.git` and the ignored folders:
 * path, kind, stat, hash, and a backup of each file's bytes), and the restore that puts back
 * every change found afterwards: changed and deleted files get their bytes, mode and mtime back,
 * new files and folders are moved out, a folder replaced by a link or file is a folder again.
 * Nothing the run wrote is destroyed: its versions are moved to a folder the result names (a
 * change made by hand meanwhile is among them).
 */
export class WorkspaceSnapshot {
  private constructor(
    private readonly root: string,
    private readonly walked: WorkspaceEntries,
    private readonly recorded: Map<string, Recorded>,
    /** Each walked folder's permissions: a run may take them away to make the restore fail. */
    private readonly dirModes: Map<string, number>,
    private readonly backup: string,
  ) {}

  static async take(root: string, signal?: AbortSignal): Promise<WorkspaceSnapshot> {
    const walked = await walkBeforeRun(root, signal);
    const backup = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-snapshot-'));
    const recorded = new Map<string, Recorded>();
    const dirModes = new Map<string, number>();
    try {
      for (const dir of walked.dirs) dirModes.set(dir, (await fs.lstat(path.join(root, dir))).mode & 0o7777);
      for (const [rel, kind] of walked.entries) {
        const abs = path.join(root, rel);
        const stat = await fs.lstat(abs);
        if (kind === 'file') {
          const bytes = await fs.readFile(abs);
          await fs.mkdir(path.dirname(path.join(backup, rel)), { recursive: true });
          await fs.writeFile(path.join(backup, rel), bytes);
          recorded.set(rel, { kind, stat, content: sha(bytes) });
        } else recorded.set(rel, { kind, stat, content: kind === 'link' ? await fs.readlink(abs) : '' });
      }
    } catch (err) {
      await fs.rm(backup, { recursive: true, force: true });
      throw err;
    }
    return new WorkspaceSnapshot(root, walked, recorded, dirModes, backup);
  }

  /**
   * Puts back every change since the snapshot. `ours`: the files the run was given (a patch, a
   * script), undone quietly while they still hold exactly that; any other change is reported.
   */
  async restore(ours: ReadonlyMap<string, string> = new Map()): Promise<SnapshotRestore> {
    const restored = new Set<string>();
    let saved: string | undefined;
    const quiet = new Set<string>();
    const isOurs = async (rel: string) => ours.has(rel) && (await fs.readFile(path.join(this.root, rel), 'utf8').catch(() => undefined)) === ours.get(rel);
    const save = async (rel: string) => {
      if (await isOurs(rel)) {
        await fs.rm(path.join(this.root, rel), { force: true });
        quiet.add(rel);
        return;
      }
      saved ??= await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-restored-'));
      await moveAside(path.join(this.root, rel), path.join(saved, rel));
      restored.add(rel);
    };
    const dirsBefore = new Set(this.walked.dirs);
    // Folders first, parents before children, so no file is put back through a planted link.
    for (const dir of this.walked.dirs) {
      const abs = path.join(this.root, dir);
      const now = await fs.lstat(abs).catch(() => undefined);
      if (!now?.isDirectory()) {
        if (now) await save(dir);
        await fs.mkdir(abs);
        restored.add(dir);
      }
      const mode = this.dirModes.get(dir);
      if (mode !== undefined && ((await fs.lstat(abs)).mode & 0o7777) !== mode) {
        await fs.chmod(abs, mode);
        if (dir) restored.add(dir);
      }
    }
    const after = await walkWorkspace(this.root, this.walked.skipped, false);
    // New entries go (moved aside, or just removed when they are the run's own given files), then the new folders.
    for (const rel of after.entries.keys()) if (!this.recorded.has(rel)) await save(rel);
    const newDirs = after.dirs.filter((d) => d && !dirsBefore.has(d)).sort((a, b) => b.length - a.length);
    for (const dir of newDirs) {
      const under = (set: Set<string>) => [...set].some((p) => p.startsWith(`${dir}/`));
      const parent = path.posix.dirname(dir) === '.' ? '' : path.posix.dirname(dir);
      const onlyOurs = under(quiet) && !under(restored);
      if ((await fs.readdir(path.join(this.root, dir)).catch(() => [])).length) await save(dir);
      else await fs.rmdir(path.join(this.root, dir));
      if (dirsBefore.has(parent) && !onlyOurs) restored.add(dir);
      else restored.delete(dir);
    }
    for (const dir of newDirs) for (const rel of [...restored]) if (rel.startsWith(`${dir}/`)) restored.delete(rel);
    for (const [rel, was] of this.recorded) {
      if (was.kind === 'other') continue;
      const abs = path.join(this.root, rel);
      const now = await fs.lstat(abs).catch(() => undefined);
      if (now && sameStat(now, was.stat)) continue;
      if (now && (now.isSymbolicLink() ? 'link' : now.isFile() ? 'file' : 'other') === was.kind) {
        const content = was.kind === 'link' ? await fs.readlink(abs) : sha(await fs.readFile(abs));
        if (content === was.content) {
          if ((now.mode & 0o7777) !== (was.stat.mode & 0o7777) && was.kind === 'file') {
            await fs.chmod(abs, was.stat.mode & 0o7777);
            restored.add(rel);
          }
          continue;
        }
      }
      if (now) await save(rel);
      else restored.add(rel);
      if (was.kind === 'link') await fs.symlink(was.content, abs);
      else {
        // Written beside it and renamed over, so the file is never half there.
        const temp = `${abs}.atomic-restore-${process.pid}`;
        await fs.copyFile(path.join(this.backup, rel), temp);
        await fs.chmod(temp, was.stat.mode & 0o7777);
        await fs.utimes(temp, was.stat.atime, was.stat.mtime);
        await fs.rename(temp, abs);
      }
    }
    return { restored: [...restored].sort(), ...(saved ? { savedAt: saved } : {}) };
  }

  async dispose(): Promise<void> {
    await fs.rm(this.backup, { recursive: true, force: true }).catch(() => undefined);
  }
}
