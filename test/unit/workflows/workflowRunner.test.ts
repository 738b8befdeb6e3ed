import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { builtinWorkflows } from '../../../src/core/workflows/builtinWorkflows';
import { runWorkflow } from '../../../src/core/workflows/workflowRunner';
import type { WorkflowDefinition } from '../../../src/core/workflows/workflowTypes';
import { closeIndexes } from '../localize/localizeSupport';
import { removeTempDirs } from '../helpers/paths';
import { closeServers, messageTexts, startServer } from '../helpers/servers';
import { bugProject, issue, replies, workflowHost } from './workflowSupport';

after(async () => {
  await closeIndexes();
  await closeServers();
  removeTempDirs();
});

const fix = builtinWorkflows.find((w) => w.name === 'fix')!;
const snapshot = (root: string) => fs.readFileSync(path.join(root, 'src/math.js'), 'utf8');

function server(editReplies: string[], extra: Array<{ when: Record<string, string>; content: string; times?: number }> = []) {
  return startServer({
    replies: [
      ...extra,
      { when: { systemIncludes: 'You judge a bug reproduction' }, content: replies.judgeYes, times: Infinity },
      { when: { systemIncludes: 'You reproduce reported bugs' }, content: replies.reproduce, times: Infinity },
      { when: { systemIncludes: 'You localize code' }, content: replies.localize, times: Infinity },
      ...editReplies.map((content) => ({ when: { systemIncludes: 'You edit code' }, content, times: 1 })),
      { when: { systemIncludes: 'code reviewer' }, content: replies.reviewYes, times: Infinity },
    ],
  });
}

describe('the bug-fix workflow', () => {
  it('localize → reproduce (fails before) → edit → verify (passes after) → review YES: the patch is proposed, nothing written', async () => {
    const root = bugProject();
    const before = snapshot(root);
    const s = await server([replies.goodEdit]);
    const host = workflowHost(root, s.url);
    const result = await runWorkflow(fix, { issue }, host);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.steps.map((r) => [r.step, r.status, r.check.detail, r.error])));
    assert.deepEqual(result.steps.map((r) => `${r.step}:${r.status}`), ['localize:passed', 'reproduce:passed', 'edit:passed', 'verify:passed', 'review:passed']);
    assert.deepEqual(result.files.map((f) => f.path), ['src/math.js']);
    assert.match(result.patch, /^-  return a \+ b;$/m);
    assert.match(result.patch, /^\+  return a - b;$/m);
    assert.equal(snapshot(root), before, 'the workspace is untouched');
    assert.equal(fs.existsSync(path.join(root, 'repro.js')), false);
    assert.equal(fs.existsSync(path.join(root, '..', 'journal')), false, 'no run touched the real files, so nothing was journaled');
    const verify = result.steps[3].output as { runs: Array<{ what: string; passed: boolean }> };
    assert.deepEqual(verify.runs.map((r) => [r.what, r.passed]), [
      ['reproduction passes after the fix', true],
      ['existing tests test/calculator.test.js', true], // it tests calculator.js, which calls math.js
    ]);
    assert.deepEqual(result.steps[2].input.files, ['src/math.js'], 'the edit targets the committed files');
    const reviewed = messageTexts(s.chatRequests().find((r) => JSON.stringify(r.body).includes('code reviewer'))!.body).join('\n');
    assert.match(reviewed, /return a - b/, 'the reviewer saw the proposed patch');
    assert.ok(result.steps.every((r) => r.durationMs >= 0 && r.startedAt));
  });

  it('a fix that does not pass verification goes back to edit with the failure, and the second one succeeds', async () => {
    const root = bugProject();
    const s = await server([replies.uselessEdit, replies.goodEdit]);
    const result = await runWorkflow(fix, { issue }, workflowHost(root, s.url));
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(result.steps.map((r) => `${r.step}:${r.status}`), ['localize:passed', 'reproduce:passed', 'edit:passed', 'verify:failed', 'edit:passed', 'verify:passed', 'review:passed']);
    assert.match(result.steps[3].check.detail ?? '', /reproduction still fails/);
    assert.match(String(result.steps[4].input.instruction), /A previous attempt failed: verify: The reproduction still fails/);
    assert.equal(result.steps[4].attempt, 2);
  });

  it('stops at the step whose check fails when its policy says stop, attributing the failure', async () => {
    const root = bugProject();
    const s = await server([], [{ when: { systemIncludes: 'You localize code' }, content: `<localization>${JSON.stringify({ files: [], committed: [] })}</localization>`, times: Infinity }]);
    const result = await runWorkflow(fix, { issue }, workflowHost(root, s.url));
    assert.equal(result.status, 'failed');
    assert.equal(result.failedStep, 'localize');
    assert.equal(result.steps.length, 1);
    assert.equal(result.patch, '');
  });

  it('asks the user when a step says ask: continue goes on, stop ends the workflow as stopped', async () => {
    const notReproduced = { when: { systemIncludes: 'You judge a bug reproduction' }, content: '<judgment>NO</judgment><reason>wrong failure</reason>', times: Infinity };
    for (const answer of ['continue', 'stop'] as const) {
      const root = bugProject();
      const s = await server([replies.goodEdit], [notReproduced]);
      const asked: string[] = [];
      const host = { ...workflowHost(root, s.url), ask: async (step: { id: string }) => (asked.push(step.id), answer) };
      const result = await runWorkflow(fix, { issue }, host);
      assert.deepEqual(asked, ['reproduce']);
      if (answer === 'continue') {
        assert.equal(result.status, 'succeeded', JSON.stringify(result.steps.map((r) => [r.step, r.status, r.check.detail])));
        const verify = result.steps.find((r) => r.step === 'verify')!.output as { notes: string[] };
        assert.match(verify.notes.join(' '), /not reproduced/);
      } else {
        assert.equal(result.status, 'stopped');
        assert.equal(result.failedStep, 'reproduce');
      }
    }
  });

  it('cancellation ends the run as cancelled and leaves the workspace as it was', async () => {
    const root = bugProject();
    const before = snapshot(root);
    const s = await server([replies.goodEdit]);
    const abort = new AbortController();
    const host = workflowHost(root, s.url, abort.signal);
    host.onStep = ({ step, record }) => {
      if (step.id === 'verify' && !record) abort.abort();
    };
    const result = await runWorkflow(fix, { issue }, host);
    assert.equal(result.status, 'cancelled');
    assert.equal(result.failedStep, 'verify');
    assert.equal(snapshot(root), before);
    assert.equal(result.patch, '');
  });

  it('a step that throws is recorded with its error and handled by its policy', async () => {
    const root = bugProject();
    const s = await server([replies.goodEdit]);
    const broken: WorkflowDefinition = { ...fix, name: 'broken', steps: [{ id: 'review', skill: 'review', input: {}, onFail: { action: 'stop' } }] };
    const host = workflowHost(root, s.url);
    const result = await runWorkflow(broken, { issue }, host);
    assert.equal(result.status, 'failed');
    assert.equal(result.steps[0].status, 'error');
    assert.match(result.steps[0].error ?? '', /git repository/);
  });

  it('an endpoint that refuses the key ends the run at once with the authentication error, not as a failed step', async () => {
    const root = bugProject();
    const before = snapshot(root);
    const s = await startServer({ apiKey: 'the-right-key', replies: [] });
    const host = workflowHost(root, s.url);
    await assert.rejects(runWorkflow(fix, { issue }, host), (err: Error & { reason?: string }) => err.reason === 'authentication' && /Set API Key/.test(err.message));
    assert.equal(s.chatRequests().length, 1, 'no retry of the step, no later step');
    assert.equal(snapshot(root), before);
  });
});
