// "@atomic /localize <task>" in the Chat view, with the extension's own endpoint model selected:
// the response's "Files to change" line has an anchor to src/math.js, and the ranked list has an
// anchor per file and one to the line where its `subtract` function starts.
import { screenshot } from '../support/browser';
import { openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { lastResponseAnchors } from '../support/chatAnchors';
import { BUG_FILE, BUG_SYMBOL, CALLER_FILE, MODEL, assertLocalizationSent, setUpLocalize } from '../support/localizeFixture';
import { Scenario, assert } from '../support/scenario';
import { openVsCode } from '../support/session';

const TASK = 'subtract returns the wrong result';

export const chatLocalize: Scenario = {
  name: 'chat-localize',
  async run(t) {
    const { repo, symbolStart, symbolEnd, model, settings } = await setUpLocalize(t);
    await openVsCode(t, { folder: repo.dir, settings });
    await openChat(t.page);
    await waitForModel(t.page, MODEL);
    t.log(`model picker shows ${MODEL}`);
    await sendChatMessage(t.page, `@atomic /localize ${TASK}`);
    const lines = `lines ${symbolStart}-${symbolEnd}`;
    const response = await waitForResponse(t.page, ['Files to change', lines], 120_000);
    t.log(`response: ${response.text.replace(/\s+/g, ' ').slice(0, 400)}`);

    const anchors = await lastResponseAnchors(t.page, repo.dir);
    const show = anchors.map((a) => `"${a.text}" → ${a.file}${a.line ? `#${a.line}` : ''} (in "${a.context.slice(0, 50)}")`).join('; ');
    t.log(`anchors: ${show}`);
    const committed = anchors.filter((a) => a.context.startsWith('Files to change'));
    assert(committed.length === 1 && committed[0].file === BUG_FILE && committed[0].line === undefined,
      `"Files to change" has one anchor, to ${BUG_FILE} (anchors: ${show})`);
    const fileName = BUG_FILE.split('/').pop()!;
    assert(committed[0].text === fileName, `the committed anchor shows "${fileName}": "${committed[0].text}"`);
    const ranked = anchors.filter((a) => a.line === undefined && !a.context.startsWith('Files to change')).map((a) => a.file);
    assert(ranked[0] === BUG_FILE && ranked.includes(CALLER_FILE), `the ranked list links ${BUG_FILE} first, then ${CALLER_FILE}: ${ranked.join(', ')}`);
    const symbol = anchors.find((a) => a.file === BUG_FILE && a.line !== undefined);
    assert(symbol, `an anchor points at a line of ${BUG_FILE} (anchors: ${show})`);
    assert(symbol.line === symbolStart, `the symbol anchor points at line ${symbolStart}, where ${BUG_SYMBOL} starts: ${symbol.href}`);
    assert(symbol.text === `${fileName}:${symbolStart}`, `the symbol anchor shows "${fileName}:${symbolStart}": "${symbol.text}"`);
    assert(symbol.context.includes(BUG_SYMBOL) && symbol.context.includes(lines), `its list item names ${BUG_SYMBOL}, ${lines}: "${symbol.context}"`);
    await screenshot(t.page, 'chat-localize');
    assertLocalizationSent(model, TASK);
  },
};
