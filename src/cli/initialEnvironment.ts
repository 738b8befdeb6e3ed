import * as fs from 'node:fs';

/** Where this process's initial environment block lies in its memory: fields 50 and 51 of /proc/self/stat (Linux 3.5+). */
function environBlock(): { start: number; end: number } | undefined {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  // The command name (field 2) may hold spaces and parentheses: field 3 follows the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
  const start = Number(fields[50 - 3]);
  const end = Number(fields[51 - 3]);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && end > start ? { start, end } : undefined;
}

function holdsAny(block: Buffer, names: readonly string[]): boolean {
  return block
    .toString('latin1')
    .split('\0')
    .some((entry) => names.some((name) => entry.startsWith(`${name}=`)));
}

/**
 * Overwrites the named variables in this process's initial environment block with zero bytes.
 * `/proc/<pid>/environ` reads that block from the process's memory, so deleting a variable from
 * process.env (which only unlinks it) leaves it readable by every process of the same user,
 * among them whatever a run starts. Writing /proc/self/mem needs no privilege and, unlike
 * re-executing without the variables, leaves no process that still holds them. Call it after
 * copying the values and deleting them from process.env: a zeroed entry no longer matches any
 * name, so the C environment loses them too. Returns whether the block is free of the names
 * (true off Linux, where no other process can read it this way).
 */
export function scrubInitialEnvironment(names: readonly string[]): boolean {
  if (process.platform !== 'linux') return true;
  let fd: number | undefined;
  try {
    const range = environBlock();
    if (!range) return false;
    fd = fs.openSync('/proc/self/mem', 'r+');
    const block = Buffer.alloc(range.end - range.start);
    fs.readSync(fd, block, 0, block.length, range.start);
    let entryStart = 0;
    for (let i = 0; i <= block.length; i++) {
      if (i < block.length && block[i] !== 0) continue;
      const entry = block.toString('latin1', entryStart, i);
      if (names.some((name) => entry.startsWith(`${name}=`))) fs.writeSync(fd, Buffer.alloc(i - entryStart), 0, i - entryStart, range.start + entryStart);
      entryStart = i + 1;
    }
    return !holdsAny(fs.readFileSync('/proc/self/environ'), names);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
