// Schema-valid but hostile tool arguments, as another agent's (possibly prompt-injected) model sends them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, startMcpChild } from '../helpers/mcpClient';
import { removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { createFixtureRepo } from '../helpers/tempRepo';
import { toolText as text } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  await closeServers();
  removeTempDirs();
});


describe('hostile tool arguments', () => {
  it('a file in .git as the target of edit_code or generate_tests is refused before the model is asked: its config can hold credentials', async () => {
    const repo = createFixtureRepo('localize-js');
    const secret = 'ghp_remoteTokenInTheGitConfig0123456789';
    repo.git('remote', 'add', 'origin', `https://user:${secret}@github.com/example/repo.git`);
    const server = await startServer({ fallback: { content: 'no edit', times: Infinity } });
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url, '--allow-project-tests']);
    const calls: Array<[string, Record<string, unknown>]> = [
      ['edit_code', { instruction: 'fix the remote', files: ['.git/config'] }],
      ['edit_code', { instruction: 'fix the remote', files: ['src/../.git/config'] }],
      ['edit_code', { instruction: 'fix the remote', selection: { path: '.git/config', startLine: 1, endLine: 3 } }],
      ['generate_tests', { target: '.git/config' }],
    ];
    for (const [name, args] of calls) {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}: ${text(r)}`);
      assert.match(text(r), /\.git\/config is git metadata, which these tools do not read \(it can hold credentials\)/);
    }
    assert.equal(server.chatRequests().length, 0, 'the model was never asked');
    assert.ok(!JSON.stringify(server.requests.map((q) => q.body)).includes(secret));
  });

  it('a call over the 10 MiB line limit of stdio is answered with an error for its id, and the session keeps serving', async () => {
    const repo = createFixtureRepo('localize-js');
    const { client, stderr } = await startMcpChild(['--repo', repo.dir, '--base-url', 'http://127.0.0.1:9/v1']);
    const huge = client.callTool({ name: 'localize_code', arguments: { task: 'x'.repeat(11 * 1024 * 1024) } }, undefined, { timeout: 20_000 });
    await assert.rejects(huge, (err: Error & { code?: number }) => err.code === -32600 && /Request too large: \d+ bytes on one line; this server reads messages of up to 10 MiB/.test(err.message));
    assert.ok((await client.listTools()).tools.length > 5, stderr());
  });
});
