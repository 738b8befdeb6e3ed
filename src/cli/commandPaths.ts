import * as fs from 'node:fs';
import * as path from 'node:path';
import { readUserInput } from './userInput';
import { AtomicError, errorMessage } from '../core/errors';

/**
 * The CLI's one rule for paths: every path given on the command line is resolved against the
 * current folder, as every Unix tool does (and as --repo itself is). A path that names a file of
 * the repository (--target, --tests, --test-file, --files) must then lie inside --repo; the
 * skills get it relative to the repository. Every named input is checked here, before any model
 * call or test run: it exists and is a regular file (a FIFO would hang the read, a folder would
 * fail late with a misleading message).
 */

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new AtomicError('usage', `Cannot read ${file}: ${errorMessage(err)}`);
  }
}

/** The path as the real path of its nearest existing folder plus the rest (a new file has no real path yet). */
function realish(abs: string): string {
  let existing = abs;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

const inside = (relative: string) => relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));

/** A hint for a path that is missing here but exists relative to the repository (the CLI's old rule for some flags). */
function repoHint(root: string, given: string): string {
  if (path.isAbsolute(given)) return '';
  const there = path.resolve(root, given);
  return fs.existsSync(there) ? ` Paths on the command line are relative to the current folder; did you mean ${there}?` : ' Paths on the command line are relative to the current folder.';
}

/**
 * A file the user's input is read from (--issue, --plan), resolved against the current folder;
 * '-' is standard input and passes through. Must exist and be a regular file.
 */
export function inputFile(flag: string, given: string): string {
  if (given === '-') return given;
  const abs = path.resolve(given);
  const stat = statOrUndefined(abs);
  if (!stat) throw new AtomicError('usage', `${flag} ${given}: no such file (${abs}).`);
  if (!stat.isFile()) throw new AtomicError('usage', `${flag} ${given} is ${kindOf(stat)}; name a file${flag === '--issue' || flag === '--plan' ? ', or - for standard input' : ''}.`);
  return abs;
}

/** Reads the text of an input flag: the file's, or standard input's for '-', within the input size limit. */
export function readInputText(flag: string, given: string, stdin: NodeJS.ReadableStream): Promise<string> {
  return readUserInput(inputFile(flag, given), flag, stdin);
}

/**
 * A repository file named on the command line, resolved against the current folder, as a path
 * relative to `root` (with / separators). `existing` (the default): it must be a regular file;
 * `new`: it must not be a folder (whether it may exist is the command's rule). Either way it
 * must be inside `root`, also after symbolic links are followed.
 */
export function repoFile(root: string, flag: string, given: string, want: 'existing' | 'new' = 'existing'): string {
  if (!given.trim()) throw new AtomicError('usage', `${flag} is empty; name a file.`);
  const abs = path.resolve(given);
  const stat = statOrUndefined(abs);
  if (want === 'existing' && !stat) throw new AtomicError('usage', `${flag} ${given}: no such file (${abs}).${repoHint(root, given)}`);
  if (stat && (want === 'existing' ? !stat.isFile() : stat.isDirectory())) throw new AtomicError('usage', `${flag} ${given} is ${kindOf(stat)}; name a file.`);
  const realRoot = fs.realpathSync(root);
  // The file's own name is kept (a link inside the repository stays a link), but where it leads must be inside too.
  const located = path.join(realish(path.dirname(abs)), path.basename(abs));
  const relative = path.relative(realRoot, located);
  if (!inside(relative) || relative === '') throw new AtomicError('usage', `${flag} ${given} (${abs}) is outside --repo ${root}.${repoHint(root, given)}`);
  if (stat && !inside(path.relative(realRoot, fs.realpathSync(abs)))) throw new AtomicError('usage', `${flag} ${given} leads through a symbolic link out of --repo ${root}.`);
  return relative.split(path.sep).join('/');
}
