// The MCP session's proposals are bounded: past the limit the oldest is dropped (and handed over
// for its not-taken label), the newest stay appliable.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { proposedNewFile } from '../../../src/core/diff/proposedFile';
import { ProposalStore, maxOpenProposals, type Proposal } from '../../../src/mcp/proposals';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

describe('ProposalStore', () => {
  it('keeps the newest proposals: the oldest past the limit is dropped and handed over, and cannot be applied', async () => {
    const root = makeTempDir('proposals');
    const dropped: Proposal[] = [];
    const store = new ProposalStore((p) => dropped.push(p), 2);
    const made = ['a.txt', 'b.txt', 'c.txt'].map((f, i) => store.add('edit_code', root, [proposedNewFile(f, `${i}\n`)], [`record-${i}`]));
    assert.deepEqual(dropped.map((p) => p.id), [made[0].id]);
    assert.deepEqual(store.pending().map((p) => p.id), [made[1].id, made[2].id]);
    await assert.rejects(store.apply(made[0].id), /There is no proposal "proposal-1"[^]*only the newest 2 are kept/);
    await store.apply(made[2].id);
    assert.equal(fs.readFileSync(path.join(root, 'c.txt'), 'utf8'), '2\n');
    assert.equal(fs.existsSync(path.join(root, 'a.txt')), false);
    assert.deepEqual(store.pending().map((p) => p.id), [made[1].id]);
  });

  it('by default keeps dozens, not an unbounded number', () => {
    const store = new ProposalStore();
    const root = makeTempDir('proposals-default');
    for (let i = 0; i < maxOpenProposals + 10; i++) store.add('edit_code', root, [proposedNewFile(`f${i}.txt`, 'x')], []);
    assert.equal(store.pending().length, maxOpenProposals);
    assert.ok(maxOpenProposals >= 20 && maxOpenProposals <= 200);
  });
});
