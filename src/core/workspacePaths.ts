import * as path from 'node:path';
import { AtomicError } from './errors';

/**
 * Turns a path the model (or a user) gave into a clean workspace-relative path with `/`
 * separators, or throws 'outsideWorkspace'. Absolute paths are accepted only inside `root`.
 */
export function toWorkspaceRelative(root: string, candidate: string): string {
  const raw = candidate.trim().replace(/\\/g, '/').replace(/^\.\/+/, '');
  if (!raw) return '';
  const rootPosix = root.replace(/\\/g, '/').replace(/\/+$/, '');
  let relative = raw;
  if (path.posix.isAbsolute(raw) || /^[A-Za-z]:\//.test(raw)) {
    if (raw === rootPosix) return '';
    if (!raw.startsWith(rootPosix + '/')) {
      throw new AtomicError('outsideWorkspace', `Path ${candidate} is outside the workspace.`);
    }
    relative = raw.slice(rootPosix.length + 1);
  }
  const normalized = path.posix.normalize(relative);
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new AtomicError('outsideWorkspace', `Path ${candidate} leaves the workspace.`);
  }
  const clean = normalized.replace(/\/+$/, '');
  return clean === '.' ? '' : clean;
}

/** True when absolute `child` is `parent` itself or lies under it (both already resolved). */
export function isWithin(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

/** True when a workspace-relative path is a `.git` folder or file, or lies inside one (any case). */
export function isGitMetadata(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => segment.toLowerCase() === '.git');
}

/**
 * toWorkspaceRelative for a path the model names to a read-only tool: `.git` is refused as
 * well, since its config can hold credentials in remote URLs.
 */
export function toModelReadablePath(root: string, candidate: string): string {
  const rel = toWorkspaceRelative(root, candidate);
  if (isGitMetadata(rel)) {
    throw new AtomicError('outsideWorkspace', `${rel} is git metadata, which these tools do not read (it can hold credentials); read the working files instead.`);
  }
  return rel;
}
