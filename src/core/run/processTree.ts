import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';

/** Every descendant of `pid` (Linux: from /proc; elsewhere: none found, the group kill covers them). */
export async function descendants(pid: number): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const parents = new Map<number, number[]>();
  const entries = await fs.readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        const stat = await fs.readFile(`/proc/${e}/stat`, 'utf8').catch(() => '');
        // The command name (2nd field) may hold spaces and parentheses: the ppid follows the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid) parents.set(ppid, [...(parents.get(ppid) ?? []), Number(e)]);
      }),
  );
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The variable each run's environment carries with an id of its own. */
export const runMarker = 'ATOMIC_SKILLS_RUN';

/**
 * Kills every process whose initial environment carries this run's id (Linux): those that left
 * the tree with setsid and a double fork and now belong to init. A program that re-executes
 * itself with a scrubbed environment escapes this; a PID namespace (dieWithParent) does not let it.
 */
export async function killMarked(id: string): Promise<void> {
  if (process.platform !== 'linux') return;
  const needle = Buffer.from(`\0${runMarker}=${id}\0`);
  const entries = await fs.readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
      .map(async (e) => {
        const environ = await fs.readFile(`/proc/${e}/environ`).catch(() => undefined);
        if (environ && Buffer.concat([Buffer.from('\0'), environ]).includes(needle)) signal(Number(e), 'SIGKILL');
      }),
  );
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Kills `pid` and everything it started: its process group (it was spawned detached, so it
 * leads one) and, on Linux, every descendant found in /proc, which catches children that left
 * the group with setsid. On Windows, taskkill /T walks the tree.
 */
export async function killTree(pid: number): Promise<void> {
  if (process.platform === 'win32') {
    await new Promise<void>((resolve) => execFile('taskkill', ['/pid', String(pid), '/T', '/F'], () => resolve()));
    return;
  }
  const tree = await descendants(pid);
  signal(-pid, 'SIGKILL');
  signal(pid, 'SIGKILL');
  for (const child of tree) signal(child, 'SIGKILL');
}
