// For contributors with internet: runs the in-host e2e suite in VS Code (Electron) with @vscode/test-cli.
// `npm run test:electron`. On machines without internet, `npm test` runs the same suite in code-server.
import { defineConfig } from '@vscode/test-cli';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A git repository with one committed file and an uncommitted bug (test/fixtures/review-js).
const workspace = mkdtempSync(join(tmpdir(), 'atomic-electron-'));
cpSync('test/fixtures/review-js', workspace, { recursive: true });
const git = (...args) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: workspace });
git('init', '-q');
git('add', '.');
git('commit', '-qm', 'initial');
const math = join(workspace, 'src', 'math.js');
writeFileSync(math, readFileSync(math, 'utf8').replace('return a - b;', 'return a + b;'));

export default defineConfig({
  files: 'out/test/e2e/host/*.host.test.js',
  workspaceFolder: workspace,
  mocha: { ui: 'tdd', timeout: 60000 },
  launchArgs: ['--disable-workspace-trust'],
});
