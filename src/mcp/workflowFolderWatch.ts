import * as fs from 'node:fs';
import * as path from 'node:path';

/** A burst of file events (an editor's save, a git checkout) becomes one call. */
const settleMs = 100;

export interface FolderWatch {
  close(): void;
}

/**
 * Calls onChange after anything may have changed in root/.atomic/workflows, the folder missing,
 * deleted or made again included (a git checkout of a branch without it and back): the deepest
 * of workflows, .atomic and root that exists is watched, and after each burst of events the watch
 * moves to whichever exists now. onChange decides whether the change matters.
 */
export function watchWorkflowFolder(root: string, onChange: () => void): FolderWatch {
  const levels = [path.join(root, '.atomic', 'workflows'), path.join(root, '.atomic'), root];
  let watcher: fs.FSWatcher | undefined;
  let watched: { dir: string; ino: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const current = () => {
    for (const dir of levels) {
      try {
        const stat = fs.statSync(dir);
        if (stat.isDirectory()) return { dir, ino: stat.ino };
      } catch {
        // Not there: the level above.
      }
    }
    return undefined;
  };

  const arm = () => {
    const now = current();
    if (watcher && now && watched?.dir === now.dir && watched.ino === now.ino) return;
    watcher?.close();
    watcher = undefined;
    watched = undefined;
    if (!now) return;
    try {
      watcher = fs.watch(now.dir, { persistent: false }, burst);
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        burst();
      });
      watched = now;
    } catch {
      // Unwatchable (gone in between, no permission): the next burst or listing tries again.
    }
  };

  const burst = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (closed) return;
      arm();
      onChange();
    }, settleMs);
  };

  arm();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
