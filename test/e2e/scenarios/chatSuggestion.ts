// @atomic /review whose finding carries a long, multi-line suggested replacement: the answer shows
// all of it, in a code block.
import { screenshot } from '../support/browser';
import { openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { createFixtureRepo } from '../support/fixtureRepo';
import { BUG_FILE, BUG_MESSAGE, MODEL, REMOVED_LINE } from '../support/reviewFixture';
import { Scenario } from '../support/scenario';
import { scriptedModel } from '../support/scriptedModel';
import { openVsCode } from '../support/session';

export const SUGGESTION = 'for (let i = 0; i < items.length; i++) {\n  total += items[i].price * items[i].quantity; // keep the sum exact for every item in the list\n}';

export const chatSuggestion: Scenario = {
  name: 'chat-suggestion',
  async run(t) {
    const repo = createFixtureRepo('review-js', [{ file: BUG_FILE, replace: { from: `  ${REMOVED_LINE}`, to: '  return a + b;' } }]);
    t.defer('remove fixture repo', () => repo.remove());
    const line = repo.lineOf(BUG_FILE, 'function subtract') + 1;
    const findings = [{ file: BUG_FILE, line, severity: 'high', category: 'bug', message: BUG_MESSAGE, suggestion: SUGGESTION }];
    const reply = `<review>The change breaks subtraction.</review>\n<findings>${JSON.stringify(findings)}</findings>\n<judgment>NO</judgment>`;
    const { settings } = await scriptedModel(t, [{ content: reply, times: Infinity }]);
    await openVsCode(t, { folder: repo.dir, settings });
    await openChat(t.page);
    await waitForModel(t.page, MODEL);
    await sendChatMessage(t.page, '@atomic /review');
    const response = await waitForResponse(t.page, [BUG_MESSAGE]);
    t.log(`response: ${JSON.stringify(response.text)}`);
    const html = await t.page.evaluate(() => { const r = document.querySelectorAll('.interactive-session .interactive-item-container.interactive-response'); return (r[r.length - 1] as HTMLElement).innerHTML; });
    require('node:fs').writeFileSync('/tmp/suggestion.html', html);
    await screenshot(t.page, 'chat-suggestion');
  },
};
