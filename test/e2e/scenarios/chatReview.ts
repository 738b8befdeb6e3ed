// "@atomic /review" in the Chat view, with the extension's own endpoint model selected:
// the response shows the verdict, the finding and a link to src/math.js; clicking its
// "Helpful" button stores a vote label on the review's record in the feedback store.
import * as path from 'node:path';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { screenshot } from '../support/browser';
import { openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { BUG_FILE, BUG_MESSAGE, MODEL, assertDiffSent, setUpReview } from '../support/reviewFixture';
import { Scenario, assert } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';

export const chatReview: Scenario = {
  name: 'chat-review',
  async run(t) {
    const { repo, line, model, settings } = await setUpReview(t);
    await openVsCode(t, { folder: repo.dir, settings: { ...settings, 'atomicSkills.feedback.level': 'all' } });
    await openChat(t.page);
    await waitForModel(t.page, MODEL);
    t.log(`model picker shows ${MODEL}`);
    await sendChatMessage(t.page, '@atomic /review');
    const response = await waitForResponse(t.page, [/\bNO\b/, BUG_MESSAGE]);
    t.log(`response: ${response.text.replace(/\s+/g, ' ').slice(0, 300)}`);
    t.log(`links: ${response.links.join(' ')}`);
    const link = response.links.find((l) => decodeURIComponent(l).includes(`/${BUG_FILE}`));
    assert(link, `the response links to ${BUG_FILE} (links: ${response.links.join(', ') || 'none'})`);
    const lineInLink = /#L?(\d+)/.exec(decodeURIComponent(link));
    if (lineInLink) assert(Number(lineInLink[1]) === line, `the link points at line ${line}: ${link}`);
    await screenshot(t.page, 'chat-review');
    assertDiffSent(model);

    const store = new FeedbackStore(path.join(t.server!.userDataDir, 'User', 'globalStorage', 'atomic-skills.atomic-skills', 'feedback'));
    const helpful = t.page.locator('.interactive-response .monaco-button', { hasText: /^\s*Helpful\s*$/ }).last();
    await helpful.click({ timeout: 15_000 });
    const record = await waitFor('the vote in the feedback store', async () => {
      const { records } = await store.readRecords({ skill: 'review' });
      return records.find((r) => r.surface === 'chat' && r.labels.some((l) => l.kind === 'vote' && l.value === 'helpful'));
    }, { timeoutMs: 15_000 }).catch(async (err) => {
      const { records } = await store.readRecords();
      throw new Error(`${err.message}; the store at ${store.folder} holds ${JSON.stringify(records.map((r) => [r.skill, r.surface, r.labels.map((l) => l.kind)]))}`);
    });
    t.log(`vote stored on record ${record.id} (${record.labels.map((l) => l.kind).join(', ')})`);
    assert(record.completion?.text.includes(BUG_MESSAGE), 'the record holds the completion the user voted on');
    await screenshot(t.page, 'chat-review-voted');
  },
};
