// Packages the test-only tool-caller extension (test/e2e/toolCaller) into a VSIX under test-results/.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, resultsDir } from './paths';

let built: string | undefined;

export function toolCallerVsix(): string {
  if (built && fs.existsSync(built)) return built;
  const source = path.join(repoRoot, 'test', 'e2e', 'toolCaller');
  const outDir = path.join(resultsDir, 'vsix');
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, 'tool-caller.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], {
    cwd: source, stdio: ['ignore', 'pipe', 'pipe'],
  });
  built = out;
  return out;
}
