// "@atomic /review" in the Chat view, with the extension's own endpoint model selected:
// the response shows the verdict, the finding and a link to src/math.js.
import { screenshot } from '../support/browser';
import { openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { BUG_FILE, BUG_MESSAGE, MODEL, assertDiffSent, setUpReview } from '../support/reviewFixture';
import { Scenario, assert } from '../support/scenario';
import { openVsCode } from '../support/session';

export const chatReview: Scenario = {
  name: 'chat-review',
  async run(t) {
    const { repo, line, model, settings } = await setUpReview(t);
    await openVsCode(t, { folder: repo.dir, settings });
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
  },
};
