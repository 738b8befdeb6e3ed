// A real MCP client the project does not write: the MCP Inspector's CLI mode, against dist/cli.js mcp.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs, repoRoot } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { changedReviewRepo } from '../helpers/tempRepo';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeServers();
  removeTempDirs();
});

const inspector = path.join(repoRoot, 'node_modules', '.bin', 'mcp-inspector');

function inspect(args: string[]) {
  const home = makeTempDir('inspector-home');
  // The Inspector keeps a catalog of servers: in a temp folder, never the user's home.
  return runProcess(inspector, ['--cli', process.execPath, distCli, 'mcp', ...args], { env: cleanEnv({ HOME: home, MCP_CATALOG_PATH: path.join(home, 'mcp.json'), ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }), timeoutMs: 60_000 });
}

describe('the MCP Inspector CLI against atomic-skills mcp', () => {
  it('lists the tools, with no schema portability problem (--strict)', async () => {
    const repo = changedReviewRepo();
    const r = await inspect(['--repo', repo.dir, '--method', 'tools/list', '--strict']);
    assert.equal(r.code, 0, r.stderr);
    const names = (JSON.parse(r.stdout) as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    assert.ok(names.includes('review_changes') && names.includes('edit_code') && names.includes('fix_bug') && names.includes('apply_proposal'), names.join(', '));
  });

  it('calls review_changes and gets the structured result', async () => {
    const repo = changedReviewRepo();
    const model = await startServer({ replies: [{ content: reviewReply('NO', [{ file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'multiply adds one.' }]) }] });
    const r = await inspect(['--repo', repo.dir, '--base-url', model.url, '--method', 'tools/call', '--tool-name', 'review_changes', '--tool-arg', 'intent=keep multiply']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const result = JSON.parse(r.stdout) as { structuredContent: { result: { judgment: string }; check: { passed: boolean } }; content: Array<{ text: string }> };
    assert.equal(result.structuredContent.result.judgment, 'NO');
    assert.match(result.content[0].text, /multiply adds one/);
    assert.match(JSON.stringify(model.chatRequests()[0].body), /keep multiply/);
  });
});
