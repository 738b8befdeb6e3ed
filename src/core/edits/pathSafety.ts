import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Why writing a path needs the user's explicit yes. */
export type UnsafePathReason = 'outsideWorkspace' | 'symlinkEscape' | 'gitInternals' | 'editorSettings';

export interface PathSafety {
  /** Workspace-relative with '/' separators; absolute when the path is outside the workspace. */
  path: string;
  /** Absolute path in the workspace (symlinks not resolved). */
  absolute: string;
  /** Empty when the path is safe to edit. */
  reasons: UnsafePathReason[];
  /** One sentence per reason, for a confirmation prompt or an error. */
  message?: string;
}

const explanations: Record<UnsafePathReason, string> = {
  outsideWorkspace: 'is outside the workspace',
  symlinkEscape: 'goes through a symbolic link that leads outside the workspace',
  gitInternals: "is inside a .git folder (the repository's own data)",
  editorSettings: 'is an editor settings file (.vscode/, *.code-workspace), which can make the editor run commands',
};

function lexicalReasons(relative: string): UnsafePathReason[] {
  const reasons: UnsafePathReason[] = [];
  const segments = relative.split('/').filter(Boolean);
  const lower = segments.map((s) => s.toLowerCase());
  // Case-insensitive: on macOS and Windows `.GIT/config` is `.git/config`.
  if (lower.includes('.git')) reasons.push('gitInternals');
  if (lower.includes('.vscode') || (lower.length > 0 && lower[lower.length - 1].endsWith('.code-workspace'))) reasons.push('editorSettings');
  return reasons;
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel);
}

/** The real path of `target`: symlinks resolved through its deepest existing ancestor, dangling links followed. */
async function realTarget(target: string, depth = 0): Promise<string> {
  if (depth > 40) throw new Error('too many levels of symbolic links');
  try {
    return await fs.realpath(target);
  } catch {
    // Not there (yet), or a dangling link: resolve what exists, then follow a link by hand.
  }
  const link = await fs.readlink(target).catch(() => undefined);
  if (link !== undefined) return realTarget(path.resolve(path.dirname(target), link), depth + 1);
  const parent = path.dirname(target);
  if (parent === target) return target;
  return path.join(await realTarget(parent, depth + 1), path.basename(target));
}

/**
 * Classifies a path an edit plan wants to write, relative to the workspace root: outside it,
 * leaving it through a symlink, inside .git, or an editor settings file. The caller asks the
 * user about each unsafe path (VS Code) or requires a flag (CLI); never this function.
 */
export async function classifyEditPath(root: string, target: string): Promise<PathSafety> {
  const raw = target.trim().replace(/\\/g, '/');
  const absRoot = path.resolve(root);
  const absolute = path.resolve(absRoot, raw);
  const reasons: UnsafePathReason[] = [];
  let display: string;
  if (!isInside(absRoot, absolute)) {
    reasons.push('outsideWorkspace');
    display = absolute;
  } else {
    display = path.relative(absRoot, absolute).split(path.sep).join('/');
    reasons.push(...lexicalReasons(display));
    const realRoot = await fs.realpath(absRoot).catch(() => absRoot);
    const real = await realTarget(absolute).catch(() => undefined);
    if (real === undefined || !isInside(realRoot, real)) reasons.push('symlinkEscape');
    else {
      const realRelative = path.relative(realRoot, real).split(path.sep).join('/');
      for (const r of lexicalReasons(realRelative)) if (!reasons.includes(r)) reasons.push(r);
    }
  }
  const safety: PathSafety = { path: display, absolute, reasons };
  if (reasons.length) safety.message = `${display} ${reasons.map((r) => explanations[r]).join(' and ')}.`;
  return safety;
}
