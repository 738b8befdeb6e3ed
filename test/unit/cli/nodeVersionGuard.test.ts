// The CLI refuses a Node older than package.json's engines with one sentence, before any dependency runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { MINIMUM_NODE_MAJOR, unsupportedNodeMessage } from '../../../src/cli/nodeVersionGuard';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { repoRoot } from '../helpers/paths';

/** A node binary on PATH (or /usr/bin/node) older than the minimum, if this machine has one. */
function olderNode(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'node');
    if (!fs.existsSync(candidate)) continue;
    try {
      const major = Number(execFileSync(candidate, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
      if (major < MINIMUM_NODE_MAJOR) return candidate;
    } catch { /* not runnable */ }
  }
  return undefined;
}

describe('Node version guard', () => {
  it('matches the engines field of package.json', () => {
    const engines = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).engines.node as string;
    assert.equal(engines, `>=${MINIMUM_NODE_MAJOR}`);
  });

  it('refuses Node 20 and 18 by name and path, accepts 22 and 24', () => {
    const message = unsupportedNodeMessage('v20.20.2', '/usr/bin/node');
    assert.match(message ?? '', /needs Node\.js 22 or later; this is Node v20\.20\.2 \(\/usr\/bin\/node\)/);
    assert.match(message ?? '', /\.vscode-host\/node\/bin\/node/);
    assert.ok(unsupportedNodeMessage('v18.0.0', '/x'));
    assert.equal(unsupportedNodeMessage('v22.0.0', '/x'), undefined);
    assert.equal(unsupportedNodeMessage('v24.11.1', '/x'), undefined);
  });

  const old = olderNode();
  describe('dist/cli.js on an older Node', { skip: old ? false : 'no Node older than 22 on this machine' }, () => {
    before(ensureDistCli, { timeout: 120_000 });
    it('exits 2 with the sentence and prints nothing else', async () => {
      const run = await runProcess(old!, [distCli, 'review', '--json'], { env: cleanEnv() });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^atomic-skills needs Node\.js 22 or later; this is Node v\d+\.[\d.]+ \(/);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    });
  });
});
