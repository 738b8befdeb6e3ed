import type { Settings } from '../config';
import { AtomicError } from '../errors';

/** The largest file a skill reads as its target: the index's size setting, so both agree on "too large". */
export function targetMaxBytes(settings: Settings): number {
  return settings.index.maxFileBytes;
}

/**
 * Runs a target read (before any model call) under the size limit; a file over it gets an
 * error naming the setting. Binary and non-UTF-8 files are refused by the workspace read itself.
 */
export async function readTarget<T>(settings: Settings, read: (maxBytes: number) => Promise<T>): Promise<T> {
  const maxBytes = targetMaxBytes(settings);
  try {
    return await read(maxBytes);
  } catch (err) {
    if (!(err instanceof AtomicError) || err.reason !== 'fileTooLarge') throw err;
    const limit = `${Math.round(maxBytes / 1024)} KiB`;
    throw new AtomicError('fileTooLarge', `${err.message} Atomic Skills works on files up to ${limit} (setting atomicSkills.index.maxFileKilobytes); name a smaller file or split this one.`);
  }
}
