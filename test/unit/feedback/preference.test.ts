import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FeedbackRecord, Label } from '../../../src/core/feedback/feedbackTypes';
import { findPairs, polarityOf, promptHash } from '../../../src/core/feedback/preference';
import { folded } from './feedbackFixtures';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();
const labelled = (...labels: Array<Label & { time: string }>) => ({ labels });

describe('polarityOf', () => {
  it('a proposal not taken (MCP, never applied) is no verdict: the check decides, else unlabeled', () => {
    assert.deepEqual(polarityOf(labelled({ kind: 'notTaken', target: 'src/a.ts', time: at(5) })), { polarity: 'unlabeled', source: 'none' });
    assert.deepEqual(polarityOf(labelled({ kind: 'check', name: 'applied', passed: true, time: at(1) }, { kind: 'notTaken', time: at(5) })), { polarity: 'positive', source: 'check' });
  });

  it('takes the latest explicit user label, whatever else there is', () => {
    assert.deepEqual(polarityOf(labelled({ kind: 'accepted', time: at(1) }, { kind: 'rejected', time: at(2) })), { polarity: 'negative', source: 'explicit' });
    assert.deepEqual(polarityOf(labelled({ kind: 'vote', value: 'helpful', time: at(3) }, { kind: 'rejected', time: at(2) })), { polarity: 'positive', source: 'explicit' });
    assert.deepEqual(
      polarityOf(labelled({ kind: 'vote', value: 'unhelpful', time: at(1) }, { kind: 'survival', afterSeconds: 600, share: 1, time: at(9) }, { kind: 'check', name: 't', passed: true, time: at(9) })),
      { polarity: 'negative', source: 'explicit' },
    );
  });

  it('falls back to the latest survival measurement, 0.5 counting as kept', () => {
    const survival = (share: number, afterSeconds: number, minute: number) => ({ kind: 'survival' as const, share, afterSeconds, time: at(minute) });
    assert.equal(polarityOf(labelled(survival(0.9, 30, 1), survival(0.2, 600, 10))).polarity, 'negative');
    assert.equal(polarityOf(labelled(survival(0.2, 30, 1), survival(0.5, 600, 10))).polarity, 'positive');
    assert.equal(polarityOf(labelled(survival(0.49, 900, 5), survival(1, 30, 5))).polarity, 'negative', 'same time: the longer measurement wins');
    assert.deepEqual(polarityOf(labelled(survival(0.7, 30, 1), { kind: 'check', name: 't', passed: false, time: at(2) })), { polarity: 'positive', source: 'survival' });
  });

  it('falls back to checks: the latest result per check name, all passed or any failed', () => {
    const check = (name: string, passed: boolean, minute: number) => ({ kind: 'check' as const, name, passed, time: at(minute) });
    assert.deepEqual(polarityOf(labelled(check('tests', false, 1), check('tests', true, 2), check('lint', true, 1))), { polarity: 'positive', source: 'check' });
    assert.equal(polarityOf(labelled(check('tests', true, 1), check('lint', false, 1))).polarity, 'negative');
    assert.deepEqual(polarityOf(labelled()), { polarity: 'unlabeled', source: 'none' });
  });
});

describe('findPairs', () => {
  const accepted = { kind: 'accepted' as const };
  const rejected = { kind: 'rejected' as const };

  it('pairs a regeneration with its earlier attempt: labels, or the regenerated-away attempt as rejected', () => {
    const a = folded({ id: 'a' }, [rejected]);
    const b = folded({ id: 'b', previousAttemptId: 'a', messages: [{ role: 'user', content: 'try again' }] }, [accepted]);
    const c = folded({ id: 'c' });
    const d = folded({ id: 'd', previousAttemptId: 'c' }, [{ kind: 'vote', value: 'helpful' }]);
    const e = folded({ id: 'e' }, [accepted]);
    const f = folded({ id: 'f', previousAttemptId: 'e' }, [rejected]);
    const g = folded({ id: 'g' }, [accepted]);
    const h = folded({ id: 'h', previousAttemptId: 'g' }, [accepted]);
    const pairs = findPairs([h, g, f, e, d, c, b, a]);
    assert.deepEqual(pairs.map((p) => [p.chosen.id, p.rejected.id, p.prompt.id, p.source]), [
      ['b', 'a', 'a', 'linked'],
      ['d', 'c', 'c', 'linked'],
      ['e', 'f', 'e', 'linked'],
    ]);
  });

  it('pairs accepted and rejected results of the same prompt and skill, in time order, each record once per side', () => {
    const prompt = [{ role: 'user' as const, content: 'Same prompt' }];
    const p1 = folded({ id: 'p1', messages: prompt, time: at(1) }, [accepted]);
    const n1 = folded({ id: 'n1', messages: prompt, time: at(2) }, [rejected]);
    const p2 = folded({ id: 'p2', messages: prompt, time: at(3) }, [{ kind: 'survival', afterSeconds: 600, share: 0.8 }]);
    const n2 = folded({ id: 'n2', messages: prompt, time: at(4) }, [{ kind: 'check', name: 'tests', passed: false }]);
    const n3 = folded({ id: 'n3', messages: prompt, time: at(5) }, [rejected]);
    const otherSkill = folded({ id: 'o', skill: 'edit', messages: prompt, time: at(6) }, [rejected]);
    const otherPrompt = folded({ id: 'x', messages: [{ role: 'user', content: 'Other' }], time: at(7) }, [rejected]);
    const records = [p1, n1, p2, n2, n3, otherSkill, otherPrompt];
    const pairs = findPairs(records);
    assert.deepEqual(pairs.map((p) => [p.chosen.id, p.rejected.id, p.source]), [['p1', 'n1', 'samePrompt'], ['p2', 'n2', 'samePrompt']]);
    assert.deepEqual(findPairs([...records].reverse()).map((p) => [p.chosen.id, p.rejected.id]), [['p1', 'n1'], ['p2', 'n2']], 'input order does not matter');
  });

  it('links only attempts of the same skill, and never pairs two identical answers', () => {
    const a = folded({ id: 'a', skill: 'review' }, [rejected]);
    const b = folded({ id: 'b', skill: 'localize', previousAttemptId: 'a' }, [accepted]);
    assert.deepEqual(findPairs([a, b]), [], 'an answer of another skill is no attempt at this request');
    const prompt = [{ role: 'user' as const, content: 'Same prompt' }];
    const same = { text: 'src/a.ts:3', toolCalls: [] };
    const p = folded({ id: 'p', messages: prompt, completion: same, time: at(1) }, [{ kind: 'check', name: 'tests', passed: true }]);
    const n = folded({ id: 'n', messages: prompt, completion: { ...same }, time: at(2) }, [{ kind: 'check', name: 'tests', passed: false }]);
    assert.deepEqual(findPairs([p, n]), []);
    const other = folded({ id: 'o', messages: prompt, completion: { text: 'src/b.ts:9', toolCalls: [] }, time: at(3) }, [rejected]);
    assert.deepEqual(findPairs([p, n, other]).map((x) => [x.chosen.id, x.rejected.id]), [['p', 'o']]);
  });

  it('does not pair a record twice on the same side, nor emit a linked pair again as a same-prompt pair', () => {
    const a = folded({ id: 'a', time: at(1) }, [rejected]);
    const b = folded({ id: 'b', previousAttemptId: 'a', time: at(2) }, [accepted]);
    const c = folded({ id: 'c', previousAttemptId: 'a', time: at(3) }, [accepted]);
    const pairs = findPairs([a, b, c]);
    assert.deepEqual(pairs.map((p) => [p.chosen.id, p.rejected.id]), [['b', 'a']]);
  });

  it('leaves out records without a prompt or completion (level noCode)', () => {
    const a = folded({ id: 'a', level: 'noCode', messages: undefined, completion: undefined }, [rejected]);
    const b = folded({ id: 'b', previousAttemptId: 'a' }, [accepted]);
    assert.deepEqual(findPairs([a, b]), []);
  });
});

describe('promptHash', () => {
  it('is the same for equal prompts whatever the key order, different for other messages or tools, absent without messages', () => {
    const r = folded({ messages: [{ role: 'user', content: 'x' }] });
    const reordered = { messages: [JSON.parse('{"content":"x","role":"user"}')] } as Pick<FeedbackRecord, 'messages'>;
    assert.equal(promptHash(r), promptHash(reordered));
    assert.notEqual(promptHash(r), promptHash({ messages: [{ role: 'user', content: 'y' }] }));
    assert.notEqual(promptHash(r), promptHash({ messages: r.messages, tools: [{ name: 't', description: 'd', parameters: {} }] }));
    assert.equal(promptHash({ messages: undefined }), undefined);
  });
});
