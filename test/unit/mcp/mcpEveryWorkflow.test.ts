// The built-in workflows not covered elsewhere, each called as an MCP tool against the scripted model:
// fix_bug and add_tests with every command asked through elicitation, secure_code with the project's
// own tests allowed; each returns its patch as a proposal, writes nothing, and apply_proposal writes it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, snapshotFiles, startMcpChild } from '../helpers/mcpClient';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { createFixtureRepo } from '../helpers/tempRepo';
import { toolText as text, subtractFix as fixSubtract } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  await closeServers();
  removeTempDirs();
});

type Content = { result: { status: string; steps: Array<{ step: string; status: string }> }; check: { passed: boolean }; proposal?: { id: string; patch: string; files: Array<{ path: string; change: string }> } };
const localization = (file: string, symbol: string) => `<localization>${JSON.stringify({ files: [{ path: file, reason: 'named by the task', symbols: [symbol] }], committed: [file] })}</localization>`;
const reproduction = "<reproduction path=\"repro.js\" command=\"node repro.js\">\nconst assert = require('node:assert');\nassert.strictEqual(require('./src/math').subtract(5, 3), 2);\n</reproduction>";
const rangeTests = `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { range } = require('../src/range');

test('counts up to the end, excluded', () => assert.deepStrictEqual(range(1, 4), [1, 2, 3]));
test('is empty for an empty range', () => assert.deepStrictEqual(range(2, 2), []));
`;

/** An MCP client that accepts every elicitation and keeps the questions. */
async function acceptingClient(args: string[]): Promise<{ client: Client; asked: string[]; stderr: () => string }> {
  const asked: string[] = [];
  const child = await startMcpChild(args, {
    capabilities: { elicitation: {} },
    setup: (c) =>
      c.setRequestHandler(ElicitRequestSchema, async (req) => {
        asked.push(req.params.message);
        return { action: 'accept', content: {} };
      }),
  });
  return { client: child.client, asked, stderr: child.stderr };
}

async function callWorkflow(client: Client, name: string, issue: string): Promise<Content> {
  const r = (await client.callTool({ name, arguments: { issue } }, undefined, { timeout: 180_000 })) as CallToolResult;
  assert.equal(r.isError, undefined, text(r));
  return r.structuredContent as Content;
}

async function apply(client: Client, id: string): Promise<void> {
  const r = (await client.callTool({ name: 'apply_proposal', arguments: { id } })) as CallToolResult;
  assert.equal(r.isError, undefined, text(r));
}

describe('every built-in workflow over MCP', () => {
  it('fix_bug: asks for the reproduction and the tests, runs all five steps, proposes the fix; apply_proposal writes it', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You judge' }, content: '<judgment>YES</judgment><reason>8 instead of 2.</reason>', times: Infinity },
        { when: { systemIncludes: 'You reproduce' }, content: reproduction, times: Infinity },
        { when: { systemIncludes: 'You localize code' }, content: localization('src/math.js', 'subtract'), times: Infinity },
        { when: { systemIncludes: 'You edit code' }, content: fixSubtract, times: Infinity },
        { when: { systemIncludes: 'senior code reviewer' }, content: reviewReply('YES'), times: Infinity },
      ],
    });
    const { client, asked } = await acceptingClient(['--repo', repo.dir, '--base-url', server.url]);
    const before = snapshotFiles(repo.dir);
    const content = await callWorkflow(client, 'fix_bug', 'subtract(5, 3) gives 8, not 2');
    assert.equal(content.result.status, 'succeeded', JSON.stringify(content.result.steps));
    assert.deepEqual(content.result.steps.map((s) => [s.step, s.status]), [['localize', 'passed'], ['reproduce', 'passed'], ['edit', 'passed'], ['verify', 'passed'], ['review', 'passed']]);
    assert.equal(content.check.passed, true);
    assert.ok(asked.some((q) => q.includes('node repro.js')), `asked: ${asked.join(' | ')}`);
    assert.deepEqual(snapshotFiles(repo.dir), before, 'nothing written, the reproduction script not left behind');
    assert.match(content.proposal!.patch, /^\+  return a - b;$/m);
    await apply(client, content.proposal!.id);
    assert.match(fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8'), /return a - b;/);
  });

  it('secure_code with --allow-project-tests: audit, localize, edit, verify, review; the patch proposed, nothing written', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You localize code' }, content: localization('src/math.js', 'subtract'), times: Infinity },
        { when: { systemIncludes: 'You edit code' }, content: fixSubtract, times: Infinity },
        { when: { systemIncludes: 'senior code reviewer' }, content: reviewReply('YES'), times: Infinity },
      ],
    });
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url, '--allow-project-tests']);
    const before = snapshotFiles(repo.dir);
    const content = await callWorkflow(client, 'secure_code', 'subtract trusts its input');
    assert.equal(content.result.status, 'succeeded', JSON.stringify(content.result.steps));
    assert.deepEqual(content.result.steps.map((s) => s.step), ['audit', 'localize', 'edit', 'verify', 'review']);
    assert.deepEqual(content.result.steps.slice(1).map((s) => s.status), ['passed', 'passed', 'passed', 'passed']);
    const reviews = server.chatRequests().filter((r) => JSON.stringify(r.body.messages ?? []).includes('senior code reviewer'));
    assert.ok(reviews.length >= 1 && reviews.every((r) => /security/i.test(JSON.stringify(r.body.messages))), 'the reviews have the security focus');
    assert.match(content.proposal!.patch, /^\+  return a - b;$/m);
    assert.deepEqual(snapshotFiles(repo.dir), before);
  });

  it('add_tests: localizes, asks before running the generated tests, proposes the new test file; apply_proposal creates it', async () => {
    const root = path.join(makeTempDir('mcp-add-tests'), 'repo');
    fs.cpSync(path.join(fixturesDir, 'run', 'node-test'), root, { recursive: true });
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You localize code' }, content: localization('src/range.js', 'range'), times: Infinity },
      ],
      fallback: { content: `<test_file path="x">\n${rangeTests}</test_file>`, times: Infinity },
    });
    const { client, asked } = await acceptingClient(['--repo', root, '--base-url', server.url]);
    const before = snapshotFiles(root);
    const content = await callWorkflow(client, 'add_tests', 'range has no tests');
    assert.equal(content.result.status, 'succeeded', JSON.stringify(content.result.steps));
    assert.deepEqual(content.result.steps.map((s) => [s.step, s.status]), [['localize', 'passed'], ['tests', 'passed']]);
    const created = content.proposal!.files;
    assert.equal(created.length, 1);
    assert.equal(created[0].change, 'create');
    assert.ok(asked.length >= 1 && asked.every((q) => q.includes(created[0].path)), asked.join('\n---\n'));
    assert.deepEqual(snapshotFiles(root), before, 'nothing written before apply_proposal');
    await apply(client, content.proposal!.id);
    assert.equal(fs.readFileSync(path.join(root, created[0].path), 'utf8'), rangeTests);
  });
});
