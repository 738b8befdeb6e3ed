// generate_tests over MCP: each command asked through elicitation, the new test file returned as a
// proposal (change "create"), written only by apply_proposal.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ElicitRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, snapshotFiles, startMcpChild } from '../helpers/mcpClient';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { toolText as text } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  await closeServers();
  removeTempDirs();
});

const tests = `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { range } = require('../src/range');

test('counts up to the end, excluded', () => assert.deepStrictEqual(range(1, 4), [1, 2, 3]));
test('is empty for an empty range', () => assert.deepStrictEqual(range(2, 2), []));
`;


describe('generate_tests over MCP', () => {
  it('asks before each new command line, proposes the passing test file, and apply_proposal creates it', async () => {
    const root = path.join(makeTempDir('mcp-tests'), 'repo');
    fs.cpSync(path.join(fixturesDir, 'run', 'node-test'), root, { recursive: true });
    const server = await startServer({ fallback: { content: `<test_file path="x">\n${tests}</test_file>`, times: Infinity } });
    const asked: string[] = [];
    const { client } = await startMcpChild(['--repo', root, '--base-url', server.url], {
      capabilities: { elicitation: {} },
      setup: (c) =>
        c.setRequestHandler(ElicitRequestSchema, async (req) => {
          asked.push(req.params.message);
          return { action: 'accept', content: {} };
        }),
    });
    const before = snapshotFiles(root);
    const r = (await client.callTool({ name: 'generate_tests', arguments: { target: 'src/range.js', symbol: 'range', mutants: 3 } }, undefined, { timeout: 120_000 })) as CallToolResult;
    assert.equal(r.isError, undefined, text(r));
    const { result, proposal } = r.structuredContent as { result: { passed: boolean; testFile: string }; proposal: { id: string; files: Array<{ path: string; change: string }> } };
    assert.equal(result.passed, true, text(r));
    assert.deepEqual(proposal.files, [{ path: result.testFile, change: 'create' }]);
    assert.ok(asked.length >= 1 && asked.every((q) => q.includes(result.testFile)), asked.join('\n---\n'));
    assert.equal(new Set(asked).size, asked.length, 'each command line asked once');
    assert.deepEqual(snapshotFiles(root), before, 'nothing written before apply_proposal');

    const applied = (await client.callTool({ name: 'apply_proposal', arguments: { id: proposal.id } })) as CallToolResult;
    assert.equal(applied.isError, undefined, text(applied));
    assert.equal(fs.readFileSync(path.join(root, result.testFile), 'utf8'), tests);
  });
});
