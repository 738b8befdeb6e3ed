// Issue 13: an endpoint failure is an environment error, exit 2 in every command that asks a model,
// workflows included; a failed check stays 1. main() in process against a closed port and the scripted server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { exitCodeOfError, exitCodeOfWorkflow } from '../../../src/cli/exitCodes';
import { AtomicError } from '../../../src/core/errors';
import type { StepRecord, WorkflowResult } from '../../../src/core/workflows/workflowTypes';
import { closedPort } from '../../support/closedPort';
import { captureStdio } from '../helpers/captureStdio';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { changedReviewRepo } from '../helpers/tempRepo';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const cli = (argv: string[]) => captureStdio(() => main(argv, { ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }, new AbortController().signal));

/** Every command that asks a model, with the inputs it needs (absolute paths: the tests run from the project folder). */
function modelCommands(): Array<[string, string[]]> {
  const repo = changedReviewRepo();
  const issue = path.join(makeTempDir('issue'), 'ISSUE.md');
  fs.writeFileSync(issue, 'multiply(2, 3) returns 7 instead of 6.\n');
  const math = path.join(repo.dir, 'src', 'math.js');
  return [
    ['review', ['review', '--repo', repo.dir]],
    ['localize', ['localize', '--repo', repo.dir, '--issue', issue]],
    ['edit', ['edit', '--repo', repo.dir, '--instruction', 'make multiply multiply', '--files', math]],
    ['test', ['test', '--repo', repo.dir, '--target', `${math}:multiply`, '--yes']],
    ['reproduce', ['reproduce', '--repo', repo.dir, '--issue', issue, '--yes']],
    ['fix', ['fix', '--repo', repo.dir, '--issue', issue, '--yes']],
    ['run', ['run', '--workflow', 'refactor', '--repo', repo.dir, '--issue', issue, '--yes']],
  ];
}

describe('exit codes: endpoint failures are 2 in every command', () => {
  it('an unreachable endpoint (closed port), when listing models and when chatting', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    for (const [name, argv] of modelCommands()) {
      for (const extra of [[], ['--model', 'm']]) {
        const run = await cli([...argv, '--base-url', url, ...extra]);
        assert.equal(run.value, 2, `${name} ${extra.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, /Cannot reach the model endpoint at http:\/\/127\.0\.0\.1:\d+\/v1/, name);
        assert.equal(run.stdout, '', name);
      }
    }
  });

  it('a refused API key (401)', async () => {
    const server = await startServer({ apiKey: 'sk-right', fallback: { content: reviewReply('YES'), times: Infinity } });
    for (const [name, argv] of modelCommands()) {
      const run = await captureStdio(() => main([...argv, '--base-url', server.url, '--model', 'scripted-model'], { ATOMIC_SKILLS_API_KEY: 'sk-wrong', ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }, new AbortController().signal));
      assert.equal(run.value, 2, `${name}: ${run.stderr}`);
      assert.match(run.stderr, /refused the API key \(HTTP 401/, name);
      assert.doesNotMatch(run.stderr, /Atomic Skills: Set API Key/, `${name}: the CLI names its own way to set the key`);
      assert.match(run.stderr, /ATOMIC_SKILLS_API_KEY/, name);
    }
  });

  it('an HTTP error answer, in the single commands and in a workflow step (it ends the run, not only the step)', async () => {
    const server = await startServer({ fallback: { status: 400, error: { message: 'bad request from a broken proxy' }, times: Infinity } });
    for (const [name, argv] of modelCommands()) {
      const run = await cli([...argv, '--base-url', server.url, '--model', 'scripted-model']);
      assert.equal(run.value, 2, `${name}: ${run.stderr}`);
      assert.match(run.stderr, /answered HTTP 400: bad request from a broken proxy/, name);
    }
  });

  it('a reply that cannot be read even after the repair request: 2 in review (even with --fail-on-no) and in fix', async () => {
    const server = await startServer({ fallback: { content: 'I cannot help with that.', times: Infinity } });
    const commands = new Map(modelCommands());
    const review = await cli([...commands.get('review')!, '--fail-on-no', '--base-url', server.url]);
    assert.equal(review.value, 2, review.stderr);
    assert.match(review.stderr, /could not be read, even after one retry/);
    const fix = await cli([...commands.get('fix')!, '--base-url', server.url]);
    assert.equal(fix.value, 2, fix.stderr);
    assert.match(fix.stderr, /Fix Bug: failed at localize/);
  });
});

describe('exit codes: the table', () => {
  it('maps reasons: endpoint and usage errors 2, cancelled 130, anything unknown 2', () => {
    assert.equal(exitCodeOfError(new AtomicError('endpointUnreachable', 'x')), 2);
    assert.equal(exitCodeOfError(new AtomicError('modelReplyMalformed', 'x')), 2);
    assert.equal(exitCodeOfError(new AtomicError('usage', 'x')), 2);
    assert.equal(exitCodeOfError(new AtomicError('cancelled', 'x')), 130);
    assert.equal(exitCodeOfError(new Error('boom')), 2);
  });

  it('a workflow is 1 when a check failed or a step errored for another reason, 2 when its last step failed on the endpoint', () => {
    const step = (over: Partial<StepRecord>): StepRecord => ({ step: 'edit', skill: 'edit', attempt: 1, input: {}, status: 'failed', check: { name: 'editApplies', passed: false }, startedAt: '', durationMs: 0, ...over });
    const result = (steps: StepRecord[], status: WorkflowResult['status'] = 'failed'): WorkflowResult => ({ workflow: 'fix', task: {}, status, steps, failedStep: 'edit', files: [], patch: '', durationMs: 0, usage: { promptTokens: 0, completionTokens: 0 } });
    assert.equal(exitCodeOfWorkflow(result([step({})])), 1, 'the edit did not apply');
    assert.equal(exitCodeOfWorkflow(result([step({ status: 'error', errorReason: 'usage' })])), 1, 'consent refused: the step fails, as documented');
    assert.equal(exitCodeOfWorkflow(result([step({ status: 'error', errorReason: 'modelReplyMalformed' })])), 2);
    assert.equal(exitCodeOfWorkflow(result([step({ status: 'error', errorReason: 'modelReplyMalformed' }), step({ attempt: 2 })])), 1, 'the last attempt decides');
    assert.equal(exitCodeOfWorkflow(result([], 'succeeded')), 0);
    assert.equal(exitCodeOfWorkflow(result([], 'cancelled')), 130);
    assert.equal(exitCodeOfWorkflow(result([step({})], 'stopped')), 1);
  });
});
