// summarizeFeedback over records built by the real builders and folded by the real store.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { FeedbackStore } from '../../../../src/core/feedback/feedbackStore';
import { summarizeFeedback } from '../../../../src/core/feedback/feedbackSummary';
import type { FeedbackEvent, FeedbackLevel, Label } from '../../../../src/core/feedback/feedbackTypes';
import { newLabelEvent, newRecordEvent } from '../../../../src/core/feedback/recordBuilder';
import { makeTempDir, removeTempDirs } from '../../helpers/paths';

after(removeTempDirs);

const model = { backend: 'openai', model: 'summary-model', endpoint: 'http://127.0.0.1:9/v1' } as const;
let clock = Date.parse('2026-02-01T09:00:00.000Z');
const now = () => new Date((clock += 1000));

/** Builds a record of `skill` with the given labels (in this order, one second apart) as events. */
function recordWithLabels(skill: string, labels: Label[], level: FeedbackLevel = 'all'): FeedbackEvent[] {
  const context = { session: 'summary-session', level, now };
  const record = newRecordEvent(
    {
      skill,
      surface: 'command',
      model,
      messages: [
        { role: 'user', content: `Run ${skill}.` },
        { role: 'assistant', content: 'Done.' },
      ],
      metrics: { findings: 1 },
    },
    context,
  );
  assert.ok(record, 'a record is built at this level');
  const events: FeedbackEvent[] = [record];
  for (const label of labels) {
    const event = newLabelEvent(record.id, label, context);
    assert.ok(event);
    events.push(event);
  }
  return events;
}

async function summarizeStored(events: FeedbackEvent[]) {
  const store = new FeedbackStore(makeTempDir('summary'));
  await store.appendMany(events);
  const { records, damagedLines } = await store.readRecords();
  await store.close();
  assert.equal(damagedLines, 0);
  return summarizeFeedback(records);
}

describe('summarizeFeedback', () => {
  it('is empty without records', async () => {
    assert.deepEqual(await summarizeStored([]), []);
  });

  it('counts records, polarity, votes, accepts, rejects and checks per skill, sorted by skill', async () => {
    const events = [
      // review: negative (the latest explicit label is an unhelpful vote, after an accept)
      ...recordWithLabels('review', [{ kind: 'accepted', target: 'src/a.ts:3' }, { kind: 'vote', value: 'unhelpful' }]),
      // review: positive by its check
      ...recordWithLabels('review', [{ kind: 'check', name: 'reviewFormat', passed: true }]),
      // review: unlabeled
      ...recordWithLabels('review', []),
      // review: negative (rejected; the failed check is counted too)
      ...recordWithLabels('review', [{ kind: 'rejected' }, { kind: 'check', name: 'reviewFormat', passed: false }]),
      // review: positive (accepted), recorded at level noCode
      ...recordWithLabels('review', [{ kind: 'accepted', target: 'src/b.ts' }], 'noCode'),
      // edit: positive (helpful vote beats a failed check); no accepts or rejects
      ...recordWithLabels('edit', [{ kind: 'check', name: 'applies', passed: false }, { kind: 'vote', value: 'helpful' }]),
      // apply: positive by survival only
      ...recordWithLabels('apply', [{ kind: 'survival', afterSeconds: 30, share: 0.9 }]),
      // apply: negative by survival, which counts in no other column
      ...recordWithLabels('apply', [{ kind: 'survival', afterSeconds: 900, share: 0.2 }]),
    ];
    const summary = await summarizeStored(events);
    const zero = { helpful: 0, unhelpful: 0, accepted: 0, rejected: 0, checksPassed: 0, checksFailed: 0 };
    assert.deepEqual(summary, [
      { ...zero, skill: 'apply', records: 2, positive: 1, negative: 1, unlabeled: 0 },
      { ...zero, skill: 'edit', records: 1, positive: 1, negative: 0, unlabeled: 0, helpful: 1, checksFailed: 1 },
      {
        ...zero,
        skill: 'review',
        records: 5,
        positive: 2,
        negative: 2,
        unlabeled: 1,
        unhelpful: 1,
        accepted: 2,
        rejected: 1,
        checksPassed: 1,
        checksFailed: 1,
        acceptanceRate: 2 / 3,
      },
    ]);
  });

  it('leaves acceptanceRate out until there is an accept or a reject, and gives 0 with only rejects', async () => {
    const summary = await summarizeStored([
      ...recordWithLabels('localize', [{ kind: 'vote', value: 'helpful' }, { kind: 'check', name: 'found', passed: true }]),
      ...recordWithLabels('test', [{ kind: 'rejected', target: 'test/a.test.ts' }, { kind: 'rejected' }]),
    ]);
    assert.deepEqual(summary.map((s) => s.skill), ['localize', 'test']);
    assert.equal('acceptanceRate' in summary[0], false);
    assert.equal(summary[1].rejected, 2);
    assert.equal(summary[1].acceptanceRate, 0);
    assert.equal(summary[1].negative, 1);
  });

  it('ignores labels whose record is not in the store', async () => {
    const [record, label] = recordWithLabels('review', [{ kind: 'accepted' }]);
    const orphan = newLabelEvent('no-such-record', { kind: 'rejected' }, { session: 's', level: 'all', now });
    assert.ok(orphan);
    const summary = await summarizeStored([record, label, orphan]);
    assert.equal(summary.length, 1);
    assert.equal(summary[0].accepted, 1);
    assert.equal(summary[0].rejected, 0);
    assert.equal(summary[0].acceptanceRate, 1);
  });
});
