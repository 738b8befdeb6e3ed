// apply_proposal against a repository that changes under it: a folder turned into a symbolic link
// out of the workspace, and applies that race each other.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, snapshotFiles, startMcpChild } from '../helpers/mcpClient';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { createFixtureRepo } from '../helpers/tempRepo';
import { toolText as text, subtractFix as fixSubtract } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  await closeServers();
  removeTempDirs();
});


async function proposeEdits(count: number) {
  const repo = createFixtureRepo('localize-js');
  const server = await startServer({ fallback: { content: fixSubtract, times: Infinity } });
  const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url]);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = (await client.callTool({ name: 'edit_code', arguments: { instruction: 'make subtract subtract', files: ['src/math.js'] } })) as CallToolResult;
    assert.equal(r.isError, undefined, text(r));
    ids.push((r.structuredContent as { proposal: { id: string } }).proposal.id);
  }
  const apply = async (id: string) => (await client.callTool({ name: 'apply_proposal', arguments: { id } })) as CallToolResult;
  return { repo, ids, apply };
}

describe('apply_proposal when the repository changed under it', () => {
  it('a folder replaced by a symbolic link out of the workspace (same bytes there): refused, nothing written on either side', async () => {
    const { repo, ids, apply } = await proposeEdits(1);
    const outside = makeTempDir('outside');
    fs.copyFileSync(path.join(repo.dir, 'src/math.js'), path.join(outside, 'math.js'));
    fs.renameSync(path.join(repo.dir, 'src'), path.join(repo.dir, 'src-moved'));
    fs.symlinkSync(outside, path.join(repo.dir, 'src'));
    const before = { moved: snapshotFiles(path.join(repo.dir, 'src-moved')), outside: snapshotFiles(outside) };
    const r = await apply(ids[0]);
    assert.equal(r.isError, true, text(r));
    assert.match(text(r), /src\/math\.js goes through a symbolic link that leads outside the workspace\. Nothing written\. Call edit_code again/);
    assert.deepEqual(snapshotFiles(outside), before.outside, 'the file outside the workspace is untouched');
    assert.deepEqual(snapshotFiles(path.join(repo.dir, 'src-moved')), before.moved);
  });

  it('applies sent at once run one after the other: one proposal of two made from the same bytes is written, the other is stale, an id is applied once', async () => {
    const { repo, ids, apply } = await proposeEdits(2);
    const results = await Promise.all([apply(ids[0]), apply(ids[1]), apply(ids[0])]);
    assert.deepEqual(results.map((r) => r.isError ?? false), [false, true, true], results.map(text).join('\n'));
    assert.match(text(results[1]), /src\/math\.js changed while proposal proposal-2 waited; nothing written/);
    assert.match(text(results[2]), /no proposal "proposal-1" in this session \(open: proposal-2\)/);
    assert.match(repo.read('src/math.js'), /function subtract\(a, b\) \{\n  return a - b;/);
    // The stale proposal stays open (call the tool again); it is still refused later.
    assert.equal((await apply(ids[1])).isError, true);
  });
});
