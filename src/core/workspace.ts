/** The port through which core reads the workspace; the VS Code adapter and the CLI implement it. */
export interface WorkspaceEntry {
  name: string;
  kind: 'file' | 'directory';
}

export interface WorkspacePort {
  /** Absolute path of the folder every relative path is resolved against. */
  readonly root: string;
  /**
   * Text of a file (relative path, `/` separators). Throws AtomicError 'outsideWorkspace' for
   * paths that leave the root (symlinks included), 'notRegularFile' for a FIFO, socket, device or
   * folder (promptly: nothing blocks), 'fileTooLarge' past `maxBytes` (default
   * {@link workspaceReadMaxBytes}; never read whole), and 'notText' for a binary file or one that
   * is not UTF-8 (never a lossy decode).
   */
  readText(relativePath: string, options?: { maxBytes?: number }): Promise<string>;
  list(relativePath: string): Promise<WorkspaceEntry[]>;
}

/** The most a workspace read takes when the caller names no smaller limit (16 MiB). */
export const workspaceReadMaxBytes = 16 * 1024 * 1024;

/** Folders never searched or listed for the model. */
export const ignoredFolders = new Set(['.git', 'node_modules', '.hg', '.svn', 'dist', 'out', 'build', '__pycache__', '.venv', 'venv', '.tox', 'target', '.next', '.vscode-test']);
