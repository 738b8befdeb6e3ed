import * as fs from 'node:fs';
import { AtomicError } from './errors';

/**
 * The one way workspace files are read: only regular files, never whole past a size limit.
 *
 * A FIFO blocks a plain open() until a writer comes (forever, in a hostile repository), a device
 * such as /dev/zero never ends, and a stat-then-open check races a swap of the file. So the file
 * is opened with O_NONBLOCK (an open that cannot block on a FIFO; it means nothing for a regular
 * file), then fstat'ed on the open descriptor, and anything but a regular file is refused before
 * a byte is read. Sockets cannot be opened at all (ENXIO) and get the same refusal.
 */

/** O_NONBLOCK where the platform has it (not on Windows, whose FIFOs are not files). */
const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export interface RegularFileOptions {
  /** Refuse (AtomicError 'fileTooLarge') a file larger than this many bytes; it is never read whole. */
  maxBytes?: number;
  /** How the file is named in messages (default: its path). */
  display?: string;
}

/** What a non-regular file is, for messages. */
export function fileKindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

export function notRegularFile(display: string, kind: string): AtomicError {
  if (kind === 'a folder') return new AtomicError('notRegularFile', `${display} is a folder, not a file.`);
  return new AtomicError('notRegularFile', `${display} is not a regular file (${kind}); only regular files are read.`);
}

function tooLarge(display: string, size: number, maxBytes: number): AtomicError {
  return new AtomicError('fileTooLarge', `${display} is ${size} bytes, over the ${maxBytes}-byte limit.`);
}

function refusalOfOpen(err: NodeJS.ErrnoException, display: string): Error {
  // ENXIO: a socket (or a FIFO on a platform that refuses a non-blocking open of it).
  if (err.code === 'ENXIO') return notRegularFile(display, 'a socket or FIFO');
  if (err.code === 'EISDIR') return notRegularFile(display, 'a folder');
  return err;
}

/** The next read's size: the rest of the file and one byte more (to see growth), at most 1 MiB and the limit's rest. */
function chunkSize(size: number, total: number, limit: number): number {
  return Math.min(1 << 20, Math.max(size - total + 1, 1 << 16), limit - total + 1);
}

function checkStat(stat: fs.Stats, display: string, maxBytes: number | undefined): void {
  if (!stat.isFile()) throw notRegularFile(display, fileKindOf(stat));
  if (maxBytes !== undefined && stat.size > maxBytes) throw tooLarge(display, stat.size, maxBytes);
}

/**
 * The bytes of a regular file. Throws AtomicError 'notRegularFile' for a FIFO, socket, device or
 * folder (promptly: nothing blocks), 'fileTooLarge' past `maxBytes` (checked on the open file, and
 * again while reading, so a file that grows is not read past the limit); other errors (ENOENT …)
 * pass through unchanged.
 */
export async function readRegularFile(file: string, options: RegularFileOptions = {}): Promise<Buffer> {
  const display = options.display ?? file;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, openFlags);
  } catch (err) {
    throw refusalOfOpen(err as NodeJS.ErrnoException, display);
  }
  try {
    const stat = await handle.stat();
    checkStat(stat, display, options.maxBytes);
    const limit = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize(stat.size, total, limit));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLarge(display, total, limit);
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** readRegularFile for synchronous callers (index workers, .gitignore, manifests, the CLI's checks). */
export function readRegularFileSync(file: string, options: RegularFileOptions = {}): Buffer {
  const display = options.display ?? file;
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags);
  } catch (err) {
    throw refusalOfOpen(err as NodeJS.ErrnoException, display);
  }
  try {
    const stat = fs.fstatSync(fd);
    checkStat(stat, display, options.maxBytes);
    const limit = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize(stat.size, total, limit));
      const bytesRead = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLarge(display, total, limit);
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes of a regular file, or undefined when it does not exist (every other refusal throws). */
export async function readRegularFileIfPresent(file: string, options: RegularFileOptions = {}): Promise<Buffer | undefined> {
  try {
    return await readRegularFile(file, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function readRegularFileIfPresentSync(file: string, options: RegularFileOptions = {}): Buffer | undefined {
  try {
    return readRegularFileSync(file, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
