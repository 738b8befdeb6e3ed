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

async function scripted() {
  return startServer({
    replies: [
      { when: { systemIncludes: 'You judge a bug reproduction' }, content: replies.judgeYes, times: Infinity },
      { when: { systemIncludes: 'You reproduce reported bugs' }, content: replies.reproduce, times: Infinity },
      { when: { systemIncludes: 'You localize code' }, content: replies.localize, times: Infinity },
      { when: { systemIncludes: 'You edit code' }, content: replies.goodEdit, times: Infinity },
      { when: { systemIncludes: 'code reviewer' }, content: replies.reviewYes, times: Infinity },
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

  it('run --workflow with an unknown name lists the workflows there are', async () => {
    const { root, issueFile, cli } = setup();
    const r = await cli(['run', '--workflow', 'nope', '--repo', root, '--issue', issueFile]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No workflow named "nope"\. Built-in: fix, refactor, secure, addTests/);
  });
});
