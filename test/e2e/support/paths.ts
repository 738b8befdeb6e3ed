// Where things are: the repository, the VS Code host (code-server), Chromium and the test results.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** out/test/e2e/support -> repository root. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const resultsDir = path.join(repoRoot, 'test-results');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

export const vscodeHostDir = process.env.VSCODE_HOST_DIR ?? path.join(repoRoot, '.vscode-host');
export const codeServerEntry = path.join(vscodeHostDir, 'cs', 'bin', 'code-server');
export const hostNode = path.join(vscodeHostDir, 'node', 'bin', 'node');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The extension under test; ATOMIC_SKILLS_VSIX overrides it (e.g. a throwaway extension). */
export const extensionVsix = process.env.ATOMIC_SKILLS_VSIX ?? path.join(repoRoot, 'atomic-skills.vsix');

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `atomic-e2e-${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export function resultFile(name: string): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  return path.join(resultsDir, name.replace(/[^\w.-]+/g, '-'));
}
