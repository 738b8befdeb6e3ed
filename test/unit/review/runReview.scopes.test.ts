// runReview over the scopes a user can pick, and what happens when there is nothing to review.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runReview } from '../../../src/core/skills/review/reviewSkill';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { reviewContext, reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { createFixtureRepo, edit } from '../helpers/tempRepo';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const diffIn = (body: { messages: Array<{ content: string }> }) => body.messages[1].content;

describe('runReview scopes', () => {
  it('fails with noChanges on a clean working tree, without calling the model', async () => {
    const repo = createFixtureRepo('review-js');
    const server = await startServer({ replies: [{ content: reviewReply('YES') }] });
    await rejectsWithReason(runReview({}, await reviewContext(repo.dir, server)), 'noChanges', /There are no uncommitted changes to review\./);
    assert.equal(server.chatRequests().length, 0);
  });

  it('fails with noChanges, naming the files, when only binary or generated files changed', async () => {
    const repo = createFixtureRepo('review-js');
    repo.write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    repo.write('package-lock.json', '{"lockfileVersion": 3}\n');
    const server = await startServer();
    await rejectsWithReason(runReview({}, await reviewContext(repo.dir, server)), 'noChanges', /Nothing reviewable in the uncommitted changes: .*logo\.png \(binary\).*package-lock\.json \(generated\)/);
    assert.equal(server.chatRequests().length, 0);
  });

  it('reviews only staged changes for scope "staged"', async () => {
    const repo = createFixtureRepo('review-js');
    edit(repo, 'src/math.js', 'return a - b;', 'return b - a;');
    repo.git('add', 'src/math.js');
    edit(repo, 'README.md', 'A tiny', 'An unstaged tiny');
    const server = await startServer({ replies: [{ content: reviewReply('NO') }] });
    const { result } = await runReview({ scope: 'staged' }, await reviewContext(repo.dir, server));
    assert.deepEqual(result.scope, { kind: 'staged' });
    assert.deepEqual(result.files, ['src/math.js']);
    const user = diffIn(server.chatRequests()[0].body);
    assert.match(user, /^Review the staged changes\./);
    assert.match(user, /return b - a;/);
    assert.doesNotMatch(user, /unstaged/);
  });

  it('reviews a commit range for a base and head, ignoring the working tree', async () => {
    const repo = createFixtureRepo('review-js');
    edit(repo, 'src/math.js', 'return a + b;', 'return a + b + 0;');
    repo.commitAll('tweak add');
    edit(repo, 'README.md', 'A tiny', 'A dirty');
    const server = await startServer({ replies: [{ content: reviewReply('YES') }] });
    const { result } = await runReview({ base: 'HEAD~1', head: 'HEAD' }, await reviewContext(repo.dir, server));
    assert.deepEqual(result.scope, { kind: 'range', base: 'HEAD~1', head: 'HEAD' });
    assert.deepEqual(result.files, ['src/math.js']);
    assert.match(diffIn(server.chatRequests()[0].body), /^Review the changes HEAD~1\.\.HEAD\./);
  });

  it('leaves out what does not fit the budget and names it in the prompt and the result', async () => {
    const repo = createFixtureRepo('review-js');
    edit(repo, 'src/math.js', 'return a * b;', 'return a * b + 1;');
    repo.write('src/big.js', Array.from({ length: 400 }, (_, i) => `exports.v${i} = ${i}; // a line long enough to count`).join('\n') + '\n');
    repo.write('image.bin', Buffer.from([0, 1, 2]));
    const server = await startServer({ replies: [{ content: reviewReply('YES') }] });
    const ctx = await reviewContext(repo.dir, server, { settings: { 'atomicSkills.review.maxDiffCharacters': 1000 } });
    const { result } = await runReview({}, ctx);
    assert.deepEqual(result.files, ['src/math.js']);
    assert.deepEqual(result.omittedFiles.sort(), ['image.bin (binary)', 'src/big.js (too large)']);
    assert.match(diffIn(server.chatRequests()[0].body), /Not shown \(too large, binary or generated\): .*src\/big\.js \(too large\)/);
  });

  it('refuses a base revision that looks like an option before running git diff', async () => {
    const repo = createFixtureRepo('review-js');
    const target = path.join(makeTempDir('out'), 'written-by-git.diff');
    const server = await startServer();
    await rejectsWithReason(runReview({ base: `--output=${target}` }, await reviewContext(repo.dir, server)), 'usage', /is not a valid revision/);
    assert.equal(fs.existsSync(target), false);
    assert.equal(server.chatRequests().length, 0);
  });
});
