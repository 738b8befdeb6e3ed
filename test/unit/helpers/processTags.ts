// Processes a test starts in the background, found again by a tag on their command line (Linux /proc).
import * as fs from 'node:fs';

/** The pids (host view, from /proc) of processes whose command line holds `tag`; a run may have its own PID namespace, so echoed pids are not the host's. */
export function withTag(tag: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return fs.readFileSync(`/proc/${e}/cmdline`, 'latin1').split('\0').includes(tag);
      } catch {
        return false;
      }
    })
    .map(Number);
}

export async function waitUntilGone(tags: string[], ms = 3_000): Promise<string[]> {
  const end = Date.now() + ms;
  let left = tags.filter((t) => withTag(t).length);
  while (left.length && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter((t) => withTag(t).length);
  }
  return left;
}

let tags = 0;
/** A shell word that starts a node process which prints `up <tag>` and then sleeps; its command line carries the tag. */
export function sleeper(): { tag: string; command: string } {
  const tag = `atomic-sleeper-${process.pid}-${++tags}`;
  return { tag, command: `'${process.execPath}' -e 'console.log("up "+process.argv[1]);setTimeout(()=>{},30000)' ${tag}` };
}

/** Waits for every sleeper to say it is up (they start in the background). */
export const upIn = (output: string, tagList: string[]) => tagList.every((t) => output.includes(`up ${t}`));

