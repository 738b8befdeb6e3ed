import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { AtomicError } from '../core/errors';
import { readRegularFileIfPresentSync } from '../core/regularFile';
import type { PlannedWrite } from './atomicWriter';

/** A proposed file: the text the run read (absent: a new file) and the text to write. */
export interface ProposedText {
  path: string;
  before?: string;
  after: string;
}

/**
 * The write of a proposed file, checked against the disk now: the bytes there must be exactly
 * the UTF-8 bytes of the text the run read (a new file must still be absent). Otherwise it throws
 * and nothing may be written: the file appeared, went away, changed `during` the run, or is not
 * UTF-8 (whose bytes no decoded text reproduces).
 */
export function checkedWrite(root: string, file: ProposedText, during: string): PlannedWrite {
  const full = path.resolve(root, file.path);
  const bytes = readRegularFileIfPresentSync(full, { display: file.path });
  if (file.before === undefined) {
    if (bytes) throw new AtomicError('editNotApplied', `${file.path} appeared while ${during}; nothing written.`);
  } else if (!bytes) {
    throw new AtomicError('editNotApplied', `${file.path} was removed while ${during}; nothing written.`);
  } else if (!Buffer.from(file.before, 'utf8').equals(bytes)) {
    if (!isUtf8(bytes)) throw new AtomicError('notText', `${file.path} is not UTF-8 text; Atomic Skills edits UTF-8 files only. Nothing written.`);
    throw new AtomicError('editNotApplied', `${file.path} changed while ${during}; nothing written.`);
  }
  return { path: full, content: Buffer.from(file.after, 'utf8') };
}
