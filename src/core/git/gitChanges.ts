import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { newFilePatch } from '../diff/newFilePatch';
import { AtomicError } from '../errors';
import type { ChangeScope, ChangeSource } from '../ports/changeSource';
import { readRegularFile } from '../regularFile';
import { gitMissing, runGit } from './runGit';

const emptyTree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const maxUntrackedBytes = 1_000_000;

/**
 * Changes of a repository through git itself: the CLI uses git from PATH, VS Code the git
 * binary and repository its git extension found, so both review exactly the same diff.
 */
export class GitChanges implements ChangeSource {
  private constructor(
    readonly root: string,
    private readonly gitPath: string,
    private readonly config: readonly (readonly [string, string])[] = [],
  ) {}

  /**
   * `runFilters: false` (the CLI, which may run on a repository just cloned) turns off the
   * repository's filter drivers: a `filter.<name>.clean` runs a program of the repository's
   * config on every diff of the working tree, and git has no switch for that. VS Code keeps them
   * (it runs git only in a trusted workspace), so its diff is the one the user's git shows.
   */
  static async open(dir: string, gitPath = 'git', { runFilters = true }: { runFilters?: boolean } = {}): Promise<GitChanges> {
    // A missing working folder fails like a missing git binary (ENOENT): tell them apart first.
    const stat = await fs.stat(dir).catch(() => undefined);
    if (!stat?.isDirectory()) throw new AtomicError('git', `${dir} is not a folder, so not inside a git repository.`);
    const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir, gitPath }).catch((err) => {
      if (err instanceof AtomicError && err.message.startsWith(gitMissing)) throw err;
      throw new AtomicError('git', `${dir} is not inside a git repository.`);
    });
    const root = top.trim();
    return new GitChanges(root, gitPath, runFilters ? [] : await filtersOff(root, gitPath));
  }

  private run(args: string[], signal?: AbortSignal): Promise<string> {
    return runGit(args, { cwd: this.root, gitPath: this.gitPath, signal, config: this.config });
  }

  private async hasHead(signal: AbortSignal): Promise<boolean> {
    return this.run(['rev-parse', '--verify', '-q', 'HEAD'], signal).then(
      () => true,
      () => false,
    );
  }

  private async untracked(signal: AbortSignal): Promise<string> {
    const names = (await this.run(['ls-files', '--others', '--exclude-standard', '-z'], signal)).split('\0').filter(Boolean);
    const patches: string[] = [];
    for (const name of names) {
      const full = path.join(this.root, name);
      const stat = await fs.lstat(full).catch(() => undefined);
      // As git shows a symlink: its target path is the content, never the target's bytes.
      if (stat?.isSymbolicLink()) {
        const target = await fs.readlink(full).catch(() => undefined);
        if (target !== undefined) patches.push(newFilePatch(name, target, '120000'));
        continue;
      }
      if (!stat?.isFile()) continue;
      if (stat.size > maxUntrackedBytes) {
        patches.push(`diff --git a/${name} b/${name}\nnew file mode 100644\nBinary files /dev/null and b/${name} differ\n`);
        continue;
      }
      // Swapped for a FIFO (or grown) since the lstat: refused, never waited on.
      const bytes = await readRegularFile(full, { maxBytes: maxUntrackedBytes, display: name }).catch(() => undefined);
      if (bytes) patches.push(newFilePatch(name, bytes));
    }
    return patches.join('');
  }

  async diff(scope: ChangeScope, signal: AbortSignal): Promise<string> {
    // Fixed a/ b/ prefixes: the user's diff.noprefix or diff.mnemonicPrefix would change the paths.
    const base = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/'];
    switch (scope.kind) {
      case 'staged':
        return this.run([...base, '--cached'], signal);
      case 'uncommitted': {
        const head = (await this.hasHead(signal)) ? 'HEAD' : emptyTree;
        return (await this.run([...base, head], signal)) + (await this.untracked(signal));
      }
      case 'range': {
        for (const rev of [scope.base, scope.head]) {
          // Revisions can come from a model: never let one pass as an option (e.g. --output=FILE).
          if (rev !== undefined && (rev.startsWith('-') || /[\s\0]/.test(rev) || rev === '')) {
            throw new AtomicError('usage', `"${rev}" is not a valid revision.`);
          }
        }
        await this.run(['rev-parse', '--verify', '-q', '--end-of-options', `${scope.base}^{commit}`], signal).catch((err) => {
          if (err instanceof AtomicError && err.reason === 'cancelled') throw err;
          throw new AtomicError('git', `Unknown revision "${scope.base}".`);
        });
        if (scope.head) return this.run([...base, '--end-of-options', scope.base, scope.head, '--'], signal);
        return (await this.run([...base, '--end-of-options', scope.base, '--'], signal)) + (await this.untracked(signal));
      }
    }
  }
}

/** Config that empties every filter driver the repository's config defines (an empty command is no filter). */
async function filtersOff(root: string, gitPath: string): Promise<[string, string][]> {
  // Exit 1 when there is none; reading config runs nothing.
  const listed = await runGit(['config', '-z', '--get-regexp', '^filter\\.'], { cwd: root, gitPath }).catch(() => '');
  const drivers = new Set<string>();
  for (const entry of listed.split('\0')) {
    const key = entry.slice(0, entry.indexOf('\n') >= 0 ? entry.indexOf('\n') : entry.length);
    const dot = key.lastIndexOf('.');
    if (key.startsWith('filter.') && dot > 'filter.'.length) drivers.add(key.slice('filter.'.length, dot));
  }
  return [...drivers].flatMap((d) => [
    [`filter.${d}.clean`, ''],
    [`filter.${d}.smudge`, ''],
    [`filter.${d}.process`, ''],
    [`filter.${d}.required`, 'false'],
  ] as [string, string][]);
}
