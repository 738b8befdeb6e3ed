import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from './errors';
import { decodeUtf8Text } from './textBytes';
import { readRegularFile } from './regularFile';
import { workspaceReadMaxBytes } from './workspace';
import { type WorkspaceEntry, type WorkspacePort } from './ports/workspacePort';
import { isWithin, toWorkspaceRelative } from './workspacePaths';

/** The workspace port over the local file system, confined to `root` (symlinks included). */
export class FsWorkspace implements WorkspacePort {
  private realRoot: Promise<string> | undefined;

  constructor(readonly root: string) {}

  private async resolve(relativePath: string): Promise<string> {
    const rel = toWorkspaceRelative(this.root, relativePath);
    const full = path.join(this.root, rel);
    const real = await fs.realpath(full).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new AtomicError('outsideWorkspace', `No such file or folder: ${rel || '.'}`);
      throw err;
    });
    // Resolved on first use: a promise made in the constructor would reject unhandled for a missing root.
    const root = await (this.realRoot ??= fs.realpath(this.root));
    if (!isWithin(root, real)) {
      throw new AtomicError('outsideWorkspace', `${rel} resolves outside the workspace.`);
    }
    return real;
  }

  async readText(relativePath: string, options?: { maxBytes?: number }): Promise<string> {
    const full = await this.resolve(relativePath);
    const rel = toWorkspaceRelative(this.root, relativePath);
    const bytes = await readRegularFile(full, { maxBytes: options?.maxBytes ?? workspaceReadMaxBytes, display: rel || '.' });
    return decodeUtf8Text(rel, bytes);
  }

  async list(relativePath: string): Promise<WorkspaceEntry[]> {
    const full = await this.resolve(relativePath);
    const entries = await fs.readdir(full, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() || e.isDirectory())
      .map((e) => ({ name: e.name, kind: e.isDirectory() ? ('directory' as const) : ('file' as const) }));
  }
}
