/** The most a workspace read takes when the caller names no smaller limit (16 MiB). */
export const workspaceReadMaxBytes = 16 * 1024 * 1024;

/** Folders never searched or listed for the model. */
export const ignoredFolders = new Set(['.git', 'node_modules', '.hg', '.svn', 'dist', 'out', 'build', '__pycache__', '.venv', 'venv', '.tox', 'target', '.next', '.vscode-test']);
