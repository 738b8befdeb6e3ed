// `atomic-skills fix` as its own process against the scripted model, on a copy of the localize-js fixture.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { bugProject, issue, replies } from './workflowSupport';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeServers();
  removeTempDirs();
});

async function scripted(reviewDelayMs = 0) {
  return startServer({
    replies: [
      { when: { systemIncludes: 'You judge a bug reproduction' }, content: replies.judgeYes, times: Infinity },
      { when: { systemIncludes: 'You reproduce reported bugs' }, content: replies.reproduce, times: Infinity },
      { when: { systemIncludes: 'You localize code' }, content: replies.localize, times: Infinity },
      { when: { systemIncludes: 'You edit code' }, content: replies.goodEdit, times: Infinity },
      { when: { systemIncludes: 'code reviewer' }, content: replies.reviewYes, times: Infinity, delayMs: reviewDelayMs },
    ],
  });
}

function setup() {
  const root = bugProject();
  const issueFile = path.join(root, '..', 'ISSUE.txt');
  fs.writeFileSync(issueFile, issue);
  const original = fs.readFileSync(path.join(root, 'src/math.js'), 'utf8');
  const cli = (args: string[]) => runProcess(process.execPath, [distCli, ...args], { env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }) });
  return { root, issueFile, original, cli };
}

describe('atomic-skills fix', () => {
  it('prints the patch and each step, leaving the repository unchanged', async () => {
    const { root, issueFile, original, cli } = setup();
    const server = await scripted();
    const r = await cli(['fix', '--repo', root, '--issue', issueFile, '--yes', '--base-url', server.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\+  return a - b;$/m);
    for (const step of ['localize', 'reproduce', 'edit', 'verify', 'review']) assert.match(r.stderr, new RegExp(`✓ ${step}`));
    assert.match(r.stderr, /Fix Bug: succeeded/);
    assert.equal(fs.readFileSync(path.join(root, 'src/math.js'), 'utf8'), original);
  });

  it('--apply writes the fix; --json has the status and every step', async () => {
    const { root, issueFile, cli } = setup();
    const server = await scripted();
    const r = await cli(['fix', '--repo', root, '--issue', issueFile, '--yes', '--apply', '--json', '--base-url', server.url]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { status: string; steps: Array<{ step: string }>; written: string[] };
    assert.equal(out.status, 'succeeded');
    assert.deepEqual(out.steps.map((s) => s.step), ['localize', 'reproduce', 'edit', 'verify', 'review']);
    assert.deepEqual(out.written, ['src/math.js']);
    assert.match(fs.readFileSync(path.join(root, 'src/math.js'), 'utf8'), /return a - b;/);
  });

  it('--apply refuses a file changed during the run: the change stays, the patch is still printed, exit 1', async () => {
    const { root, issueFile, cli } = setup();
    const server = await scripted(1500);
    const running = cli(['fix', '--repo', root, '--issue', issueFile, '--yes', '--apply', '--base-url', server.url]);
    const isReview = (r: { body: { messages?: Array<{ content?: unknown }> } }) => JSON.stringify(r.body.messages ?? []).includes('code reviewer');
    while (!server.chatRequests().some(isReview)) await new Promise((resolve) => setTimeout(resolve, 20));
    const file = path.join(root, 'src/math.js');
    const meanwhile = `${fs.readFileSync(file, 'utf8')}// edited by hand meanwhile\n`;
    fs.writeFileSync(file, meanwhile);
    const r = await running;
    assert.equal(r.code, 1, r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), meanwhile, 'the hand edit is kept');
    assert.match(r.stdout, /^\+  return a - b;$/m, 'the patch is not lost');
    assert.match(r.stderr, /Not applied: src\/math\.js changed while the workflow ran; nothing written\. The patch is on standard output/);
    assert.doesNotMatch(r.stderr, /Wrote /);
  });

  it('run --workflow with an unknown name lists the workflows there are', async () => {
    const { root, issueFile, cli } = setup();
    const r = await cli(['run', '--workflow', 'nope', '--repo', root, '--issue', issueFile]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No workflow named "nope"\. Built-in: fix, refactor, secure, addTests/);
  });

  it('--out: a folder that does not exist is refused before any model call; a failed run leaves an earlier file as it was; a patch replaces it whole', async () => {
    const { root, issueFile, cli } = setup();
    const server = await scripted();
    const missing = await cli(['fix', '--repo', root, '--issue', issueFile, '--yes', '--out', path.join(makeTempDir('out'), 'no', 'fix.patch'), '--base-url', server.url]);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /--out .*: the folder .* does not exist/);
    assert.equal(server.chatRequests().length, 0, 'no model call');

    const out = path.join(makeTempDir('out'), 'fix.patch');
    fs.writeFileSync(out, 'an earlier patch\n');
    const failing = await startServer({ replies: [{ content: 'not a localization', times: Infinity }] });
    const failed = await cli(['fix', '--repo', root, '--issue', issueFile, '--yes', '--out', out, '--base-url', failing.url]);
    assert.equal(failed.code, 2, 'an unreadable localization, even after the repair request, is an endpoint failure');
    assert.equal(fs.readFileSync(out, 'utf8'), 'an earlier patch\n', 'a run without a patch does not touch --out');

    const done = await cli(['fix', '--repo', root, '--issue', issueFile, '--yes', '--out', out, '--base-url', server.url]);
    assert.equal(done.code, 0, done.stderr);
    assert.match(fs.readFileSync(out, 'utf8'), /^\+  return a - b;$/m);
    assert.equal(done.stdout, '');
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ['fix.patch'], 'no temporary file left');
  });

  it('an empty issue is a usage error (exit 2), as in localize and reproduce', async () => {
    const { root, cli } = setup();
    const empty = path.join(makeTempDir('issue'), 'EMPTY.md');
    fs.writeFileSync(empty, '  \n');
    const r = await cli(['fix', '--repo', root, '--issue', empty, '--yes', '--base-url', 'http://127.0.0.1:9/v1']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /The text of --issue is empty/);
  });
});
