// A workflow as an MCP tool: steps as progress, the project's own tests run unasked only with
// --allow-project-tests, the patch returned as a proposal and nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, snapshotFiles, startMcpChild } from '../helpers/mcpClient';
import { removeTempDirs } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { createFixtureRepo } from '../helpers/tempRepo';
import { toolText as text, subtractFix as fix, subtractLocalization as localization } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  await closeServers();
  removeTempDirs();
});


const modelServer = () =>
  startServer({
    replies: [
      { when: { systemIncludes: 'You localize code' }, content: localization, times: Infinity },
      { when: { systemIncludes: 'You edit code' }, content: fix, times: Infinity },
      { when: { systemIncludes: 'senior code reviewer' }, content: reviewReply('YES'), times: Infinity },
    ],
  });

describe('a workflow over MCP (refactor_code)', () => {
  it('with --allow-project-tests: runs every step, reports each as progress, returns the patch as a proposal, writes nothing', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await modelServer();
    const { client, stderr } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url, '--allow-project-tests']);
    const before = snapshotFiles(repo.dir);
    const progress: string[] = [];
    const r = (await client.callTool({ name: 'refactor_code', arguments: { issue: 'subtract(5, 3) should give 2' } }, undefined, { onprogress: (p) => progress.push(p.message ?? ''), timeout: 120_000 })) as CallToolResult;
    assert.equal(r.isError, undefined, text(r) + stderr());
    const content = r.structuredContent as { result: { status: string; steps: Array<{ step: string; status: string }> }; check: { passed: boolean }; proposal: { id: string; patch: string } };
    assert.equal(content.result.status, 'succeeded', text(r));
    assert.deepEqual(content.result.steps.map((s) => [s.step, s.status]), [['localize', 'passed'], ['edit', 'passed'], ['verify', 'passed'], ['review', 'passed']]);
    assert.equal(content.check.passed, true);
    // verify requires tests (refactor.json): it passes only when the project's tests covering the
    // patch ran and passed, and this client cannot be asked, so they ran unasked.
    assert.equal(content.result.steps[2].status, 'passed');
    assert.match(content.proposal.patch, /^\+  return a - b;$/m);
    for (const step of ['localize', 'edit', 'verify', 'review']) assert.ok(progress.some((p) => p.startsWith(`✅ **${step}** `)), `${step} in ${progress.join(' | ')}`);
    assert.deepEqual(snapshotFiles(repo.dir), before, 'the workflow wrote nothing');
  });

  it('without --allow-project-tests and without elicitation: refused before the model is asked', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await modelServer();
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url]);
    const r = (await client.callTool({ name: 'refactor_code', arguments: { issue: 'subtract(5, 3) should give 2' } })) as CallToolResult;
    assert.equal(r.isError, true);
    assert.match(text(r), /--allow-project-tests/);
    assert.equal(server.chatRequests().length, 0);
  });
});
