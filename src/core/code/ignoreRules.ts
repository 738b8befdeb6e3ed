import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFileSync } from '../regularFile';
import ignore, { type Ignore } from 'ignore';

/**
 * Which paths the index leaves out, with git's semantics for .gitignore files (read, as git
 * and ripgrep do, only inside a git work tree, including those of folders above the root up
 * to the repository's top): each file's
 * patterns are relative to its folder, a deeper file overrides a shallower one (so `!pattern`
 * in a subfolder re-includes), `.git/info/exclude` ranks below every .gitignore, and a folder
 * that is ignored is not entered (its files cannot be re-included). Independently of git, the
 * caller's exclude globs (VS Code's `files.exclude`, `**` globs relative to the root) and the
 * default folder names are always left out.
 */
export interface IgnoreOptions {
  /** Globs relative to the root, VS Code style: `**\/node_modules`, `docs/*.md`, `{a,b}/**`. */
  exclude?: readonly string[];
  /** Folder names left out at any depth. */
  excludedFolderNames?: ReadonlySet<string>;
  /** Read .gitignore files (default true). */
  useGitignore?: boolean;
}

interface Scope {
  /** Root-relative folder of the .gitignore, '' for the root, with a trailing '/' otherwise. */
  prefix: string;
  rules: Ignore;
}

/** A .gitignore above the root: paths are tested with `lead` (the root's path below it) prepended. */
interface OuterScope {
  lead: string;
  rules: Ignore;
}

/** The top of the git work tree containing `dir`, or undefined outside one. */
export function gitTopLevel(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; ) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Expands `{a,b}` alternatives (nested too), which .gitignore syntax lacks. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      close = i;
      break;
    } else if (ch === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [glob];
  const bounds = [open, ...commas, close];
  const head = glob.slice(0, open);
  const tail = glob.slice(close + 1);
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    for (const expanded of expandBraces(head + glob.slice(bounds[i] + 1, bounds[i + 1]) + tail)) out.push(expanded);
  }
  return out;
}

/** A VS Code glob (matched against the whole root-relative path) as .gitignore patterns. */
export function globToGitignore(glob: string): string[] {
  return expandBraces(glob.trim().replace(/\\/g, '/'))
    .filter((g) => g.length > 0)
    .map((g) => (g.startsWith('**/') || g.startsWith('/') ? g : `/${g}`));
}

export class IgnoreRules {
  private readonly scopes = new Map<string, Scope>();
  private readonly exclude: Ignore;
  private readonly folderNames: ReadonlySet<string>;
  private readonly useGitignore: boolean;
  /** Nearest first. */
  private readonly outer: OuterScope[] = [];
  private info: OuterScope | undefined;

  constructor(private readonly root: string, options: IgnoreOptions = {}) {
    this.exclude = newRules().add((options.exclude ?? []).flatMap(globToGitignore));
    this.folderNames = options.excludedFolderNames ?? new Set();
    const top = options.useGitignore === false ? undefined : gitTopLevel(root);
    this.useGitignore = top !== undefined;
    if (top === undefined) return;
    const lead = path.relative(top, path.resolve(root)).split(path.sep).filter(Boolean);
    for (let i = lead.length - 1; i >= 0; i--) {
      const text = readText(path.join(top, ...lead.slice(0, i), '.gitignore'));
      if (text) this.outer.push({ lead: `${lead.slice(i).join('/')}/`, rules: newRules().add(text) });
    }
    const info = readText(path.join(top, '.git', 'info', 'exclude'));
    if (info) this.info = { lead: lead.length ? `${lead.join('/')}/` : '', rules: newRules().add(info) };
  }

  /** Reads the .gitignore of a root-relative folder ('' = root), if the walker saw one there. */
  loadFolder(folder: string): void {
    if (!this.useGitignore) return;
    const text = readText(path.join(this.root, folder, '.gitignore'));
    if (text) this.scopes.set(folder, { prefix: folder ? `${folder}/` : '', rules: newRules().add(text) });
  }

  /** Forgets a folder's .gitignore (after it changed or was deleted; call loadFolder again to re-read). */
  unloadFolder(folder: string): void {
    this.scopes.delete(folder);
  }

  /** Whether a root-relative path (`/` separators) is left out. Its parent folders are assumed kept. */
  ignores(relPath: string, isDirectory: boolean): boolean {
    const slash = relPath.lastIndexOf('/');
    const name = relPath.slice(slash + 1);
    if (isDirectory && this.folderNames.has(name)) return true;
    const tested = isDirectory ? `${relPath}/` : relPath;
    if (this.exclude.ignores(tested)) return true;
    // Deepest .gitignore first: the first one with an opinion decides.
    let folder = slash < 0 ? '' : relPath.slice(0, slash);
    for (;;) {
      const scope = this.scopes.get(folder);
      if (scope) {
        const verdict = scope.rules.test(tested.slice(scope.prefix.length));
        if (verdict.ignored) return true;
        if (verdict.unignored) return false;
      }
      if (folder === '') break;
      const up = folder.lastIndexOf('/');
      folder = up < 0 ? '' : folder.slice(0, up);
    }
    for (const scope of this.outer) {
      const verdict = scope.rules.test(scope.lead + tested);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return this.info ? this.info.rules.ignores(this.info.lead + tested) : false;
  }
}

/** Case-sensitive where the file system usually is (git's core.ignorecase default). */
function newRules(): Ignore {
  return ignore({ ignorecase: process.platform === 'win32' || process.platform === 'darwin' });
}

/** A .gitignore (or info/exclude) larger than this is not read: no real one comes near. */
const maxRulesBytes = 1 << 20;

/** A rules file's text; undefined when it is missing, not a regular file (a FIFO) or too large. */
function readText(file: string): string | undefined {
  try {
    return readRegularFileSync(file, { maxBytes: maxRulesBytes }).toString('utf8');
  } catch {
    return undefined;
  }
}
