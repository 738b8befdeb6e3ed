// recordSkillRun: a real review run against the scripted server becomes a stored record with its check label.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FeedbackRecorder } from '../../../../src/core/feedback/feedbackRecorder';
import { FeedbackStore } from '../../../../src/core/feedback/feedbackStore';
import type { FeedbackLevel } from '../../../../src/core/feedback/feedbackTypes';
import { recordSkillRun } from '../../../../src/core/feedback/recordSkillRun';
import { readOnlyToolSpecs } from '../../../../src/core/skills/readOnlyTools';
import { reviewSkill, runReview } from '../../../../src/core/skills/review/reviewSkill';
import { makeTempDir, removeTempDirs } from '../../helpers/paths';
import { reviewContext, reviewReply } from '../../helpers/reviewContext';
import { closeServers, startServer } from '../../helpers/servers';
import { createFixtureRepo, edit } from '../../helpers/tempRepo';

const stores: FeedbackStore[] = [];
after(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await closeServers();
  removeTempDirs();
});

const onChangedLine = { file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'Adds one to every product.' };
const outsideChange = { file: 'src/math.js', line: 4, severity: 'low', category: 'style', message: 'add could be an arrow function.' };

/** A review of a one-line change in the review-js fixture, with the model replying `reply`. */
async function reviewRun(reply: string) {
  const repo = createFixtureRepo('review-js');
  edit(repo, 'src/math.js', 'return a * b;', 'return a * b + 1;');
  const server = await startServer({ replies: [{ content: reply, usage: { prompt_tokens: 321, completion_tokens: 45 } }] });
  const context = await reviewContext(repo.dir, server);
  const run = await runReview({}, context);
  const expectedSha = createHash('sha256').update(fs.readFileSync(path.join(repo.dir, 'src/math.js'))).digest('hex');
  return { repo, server, context, run, expectedSha };
}

function recorderAt(level: FeedbackLevel) {
  const store = new FeedbackStore(makeTempDir('skill-run-store'));
  stores.push(store);
  const recorder = new FeedbackRecorder({ store, level: () => level, session: 'skill-run-session' });
  return { store, recorder };
}

describe('recordSkillRun with a real review', () => {
  it('stores the review record and a failed reviewFormat check when a finding lies outside the change', async () => {
    const reply = reviewReply('NO', [onChangedLine, outsideChange]);
    const { server, context, run, expectedSha } = await reviewRun(reply);
    const { store, recorder } = recorderAt('all');
    const id = await recordSkillRun(recorder, reviewSkill, run, { ...context, surface: 'chat' });
    assert.ok(id);

    const { records } = await store.readRecords();
    assert.equal(records.length, 1);
    const [r] = records;
    assert.equal(r.id, id);
    assert.equal(r.skill, 'review');
    assert.equal(r.surface, 'chat');
    assert.equal(r.level, 'all');
    assert.deepEqual(r.model, { backend: 'openai', model: 'scripted-model', endpoint: server.url });

    const sent = (r.messages ?? []).map((m) => m.content).join('\n');
    assert.match(sent, /return a \* b \+ 1;/, 'the diff is in the messages sent');
    assert.match(sent, /return a \* b;/);
    assert.equal(r.messages?.some((m) => m.role === 'assistant'), false, 'the completion is not among the messages sent');
    assert.deepEqual(r.messages, run.transcript.slice(0, -1));
    assert.equal(r.completion?.text, reply);
    assert.match(r.completion?.text ?? '', /<judgment>NO<\/judgment>/);
    assert.deepEqual(r.tools?.map((t) => t.name), readOnlyToolSpecs.map((t) => t.name));

    assert.deepEqual(r.files, [{ path: 'src/math.js', sha256: expectedSha }]);
    assert.deepEqual(r.metrics, {
      judgmentYes: 0,
      findings: 1,
      unanchoredFindings: 1,
      omittedFiles: 0,
      toolCalls: 0,
      repaired: 0,
      promptTokens: 321,
      completionTokens: 45,
    });
    assert.equal('previousAttemptId' in r, false);

    assert.deepEqual(
      r.labels.map(({ time, ...label }) => label),
      [{ kind: 'check', name: 'reviewFormat', passed: false, detail: { repaired: false, findings: 1, unanchored: 1 } }],
    );
  });

  it('stores a passed reviewFormat check when every finding is anchored, and the previous attempt id when given', async () => {
    const { context, run } = await reviewRun(reviewReply('YES', [onChangedLine]));
    const { store, recorder } = recorderAt('all');
    const id = await recordSkillRun(recorder, reviewSkill, run, context, 'earlier-attempt-id');
    const { records } = await store.readRecords();
    assert.equal(records.length, 1);
    const [r] = records;
    assert.equal(r.id, id);
    assert.equal(r.surface, 'cli');
    assert.equal(r.previousAttemptId, 'earlier-attempt-id');
    assert.equal(r.metrics?.judgmentYes, 1);
    assert.equal(r.metrics?.findings, 1);
    assert.equal(r.metrics?.unanchoredFindings, 0);
    assert.deepEqual(
      r.labels.map(({ time, ...label }) => label),
      [{ kind: 'check', name: 'reviewFormat', passed: true, detail: { repaired: false, findings: 1, unanchored: 0 } }],
    );
  });

  it('at level noCode, keeps the file hash, metrics and check but no messages, completion or path', async () => {
    const { context, run, expectedSha } = await reviewRun(reviewReply('NO', [onChangedLine, outsideChange]));
    const { store, recorder } = recorderAt('noCode');
    assert.ok(await recordSkillRun(recorder, reviewSkill, run, context));
    const [r] = (await store.readRecords()).records;
    assert.equal(r.level, 'noCode');
    assert.equal(r.messages, undefined);
    assert.equal(r.completion, undefined);
    assert.deepEqual(r.files, [{ sha256: expectedSha }]);
    assert.equal(r.metrics?.findings, 1);
    assert.deepEqual(r.labels.map((l) => l.kind === 'check' && l.passed), [false]);
  });

  it('stores nothing and returns undefined when the level is off', async () => {
    const { context, run } = await reviewRun(reviewReply('NO', [onChangedLine, outsideChange]));
    const { store, recorder } = recorderAt('off');
    assert.equal(await recordSkillRun(recorder, reviewSkill, run, context, 'earlier-attempt-id'), undefined);
    assert.deepEqual(await store.files(), []);
    assert.deepEqual((await store.readEvents()).events, []);
  });
});
