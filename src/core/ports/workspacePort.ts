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
