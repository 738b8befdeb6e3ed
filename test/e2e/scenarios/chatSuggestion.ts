// The first @atomic result in a fresh VS Code (telemetry on, no preference-data level chosen):
// a review finding's long, multi-line suggested replacement shows whole (wrapped, every line), the
// preference-data question is in the answer with its buttons, no notification covers the chat
// input, the next message can be typed at once, and the question is not asked again.
import { screenshot } from '../support/browser';
import { lastResponse, openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { createFixtureRepo } from '../support/fixtureRepo';
import { BUG_FILE, BUG_MESSAGE, MODEL, REMOVED_LINE } from '../support/reviewFixture';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { scriptedModel } from '../support/scriptedModel';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { notificationTexts } from '../support/workbench';

const SUGGESTION = 'for (let i = 0; i < items.length; i++) {\n  total += items[i].price * items[i].quantity; // keep the sum exact for every item in the cart\n}';
const QUESTION = 'Help train the Atomic Skills model?';

export const chatSuggestion: Scenario = {
  name: 'chat-suggestion',
  async run(t) {
    const repo = createFixtureRepo('review-js', [{ file: BUG_FILE, replace: { from: `  ${REMOVED_LINE}`, to: '  return a + b;' } }]);
    t.defer('remove fixture repo', () => repo.remove());
    const line = repo.lineOf(BUG_FILE, 'function subtract') + 1;
    const findings = [{ file: BUG_FILE, line, severity: 'high', category: 'bug', message: BUG_MESSAGE, suggestion: SUGGESTION }];
    const reply = `<review>The change breaks subtraction.</review>\n<findings>${JSON.stringify(findings)}</findings>\n<judgment>NO</judgment>`;
    const { settings } = await scriptedModel(t, [{ content: reply, times: Infinity }]);
    await openVsCode(t, { folder: repo.dir, settings, telemetry: true });
    await openChat(t.page);
    await waitForModel(t.page, MODEL);
    await sendChatMessage(t.page, '@atomic /review');
    const response = await waitForResponse(t.page, [BUG_MESSAGE, QUESTION]);
    t.log(`response: ${response.text.replace(/\s+/g, ' ').slice(0, 500)}`);

    // Whole: every line of the replacement in a <pre> that wraps, nothing hidden behind a scrollbar.
    const block = await waitFor('the suggested replacement block', () => t.page.evaluate(() => {
      const responses = document.querySelectorAll<HTMLElement>('.interactive-session .interactive-item-container.interactive-response');
      const pre = responses[responses.length - 1]?.querySelector<HTMLElement>('.rendered-markdown pre');
      if (!pre) return undefined;
      return { text: pre.innerText, scrollWidth: pre.scrollWidth, clientWidth: pre.clientWidth, whiteSpace: getComputedStyle(pre).whiteSpace };
    }));
    t.log(`block: ${JSON.stringify(block)}`);
    assertEqual(block.text.trimEnd(), SUGGESTION, 'the suggested replacement, every character');
    assert(block.scrollWidth <= block.clientWidth + 1, `no line runs past the block's edge (scrollWidth ${block.scrollWidth} > clientWidth ${block.clientWidth})`);

    // The question is in the answer, with its buttons; nothing covers the chat input.
    const buttons = await t.page.locator('.interactive-response').last().locator('.monaco-button').allInnerTexts();
    for (const b of ['Enable', 'Enable without code', 'Not now']) assert(buttons.map((x) => x.trim()).includes(b), `the answer offers "${b}" (buttons: ${buttons.join(' | ')})`);
    assert(!(await notificationTexts(t.page)).some((n) => n.includes(QUESTION)), 'no notification asks');
    await screenshot(t.page, 'chat-suggestion');

    // Typed into chat right after the first result: the message goes through, and the question is not asked again.
    await sendChatMessage(t.page, '@atomic /review');
    await waitFor('a second complete answer', async () => {
      const r = await lastResponse(t.page);
      const count = await t.page.locator('.interactive-session .interactive-item-container.interactive-response').count();
      return count >= 2 && r?.complete && r.text.includes(BUG_MESSAGE) ? r : undefined;
    }, { timeoutMs: 90_000 });
    const second = (await lastResponse(t.page))!;
    assert(!second.text.includes(QUESTION), 'the question is asked once');
    assert(!(await notificationTexts(t.page)).some((n) => n.includes(QUESTION)), 'still no notification asks');
  },
};
