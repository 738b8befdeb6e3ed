// "Atomic Skills: Localize" from the Command Palette with ISSUE.md open: the quick pick offers the
// issue file, the Localization view in the Explorer ranks src/math.js (committed, "●") with its
// `subtract` function and real line range, and clicking that symbol opens math.js at its line.
import { screenshot } from '../support/browser';
import { editorState, focusEditor, openFile, quickInputText, renderedLines, waitForEditorAt } from '../support/editor';
import {
  BUG_FILE, BUG_REASON, BUG_SYMBOL, CALLER_FILE, ISSUE_FILE, ISSUE_TEXT, assertLocalizationSent, setUpLocalize,
} from '../support/localizeFixture';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { treeRow, viewMessage, waitForTreeRows } from '../support/treeView';
import { waitFor } from '../support/wait';
import { acceptQuickPick, runCommand, waitForNotification } from '../support/workbench';

const VIEW = 'Localization';

export const localizeCommand: Scenario = {
  name: 'localize-command',
  async run(t) {
    const { repo, symbolStart, symbolEnd, model, settings } = await setUpLocalize(t);
    await openVsCode(t, { folder: repo.dir, settings });
    await openFile(t.page, ISSUE_FILE);
    await focusEditor(t.page, ISSUE_FILE); // the user reads the issue: the caret is in it, nothing selected
    t.log(`${ISSUE_FILE} open and focused`);

    await runCommand(t.page, 'Atomic Skills: Localize');
    const items = await acceptQuickPick(t.page, `Use ${ISSUE_FILE} as the issue`, { mustBeFirst: true }).catch(async (err: Error) => {
      throw new Error(`${err.message}; the quick input shows: ${await quickInputText(t.page)}`);
    });
    t.log(`task quick pick: ${items.join(' | ')}`);

    const note = await waitForNotification(t.page, /Atomic Skills: files to change:/, 120_000);
    t.log(`notification: ${note}`);
    assert(note.includes(BUG_FILE), `the notification names ${BUG_FILE}: "${note}"`);

    const fileName = BUG_FILE.split('/').pop()!;
    const lines = `lines ${symbolStart}-${symbolEnd}`;
    const rows = await waitForTreeRows(t.page, VIEW, (rs) =>
      rs.some((r) => r.label === BUG_FILE) && rs.some((r) => r.label === BUG_SYMBOL));
    t.log(`${VIEW} view: ${rows.map((r) => `[${r.level}] ${r.label} — ${r.description}`).join(' | ')}`);
    const message = await viewMessage(t.page, VIEW);
    assertEqual(message, `Files to change: ${BUG_FILE}`, `the ${VIEW} view's message`);
    const fileRow = rows.find((r) => r.label === BUG_FILE)!;
    assertEqual(fileRow.level, 1, `level of the ${BUG_FILE} item`);
    assert(fileRow.description.startsWith('●'), `the committed file's description starts with "●": "${fileRow.description}"`);
    assert(fileRow.description.includes(BUG_REASON), `the file's description gives the reason: "${fileRow.description}"`);
    assertEqual(rows.indexOf(fileRow), 0, `rank of ${BUG_FILE}`);
    const symbolIndex = rows.findIndex((r) => r.label === BUG_SYMBOL);
    const symbolRow = rows[symbolIndex];
    assertEqual(symbolRow.level, 2, `level of the ${BUG_SYMBOL} item`);
    assert(symbolIndex > rows.indexOf(fileRow) && rows.slice(rows.indexOf(fileRow) + 1, symbolIndex).every((r) => r.level > 1),
      `${BUG_SYMBOL} is a child of ${BUG_FILE}`);
    assert(symbolRow.description.includes(lines), `the symbol's description says "${lines}": "${symbolRow.description}"`);
    assert(/^function\b/.test(symbolRow.description), `the symbol's kind is function: "${symbolRow.description}"`);
    const caller = rows.find((r) => r.label === CALLER_FILE);
    assert(caller && !caller.description.startsWith('●'), `${CALLER_FILE} is ranked but not committed: "${caller?.description}"`);
    await screenshot(t.page, 'localize-command');

    const before = await editorState(t.page);
    assertEqual(before.tab, ISSUE_FILE, 'active tab before clicking the symbol');
    await treeRow(t.page, VIEW, BUG_SYMBOL, 2).click();
    const at = await waitForEditorAt(t.page, fileName, symbolStart);
    t.log(`after clicking ${BUG_SYMBOL}: tab "${at.tab}" (${at.tabLabel}), Ln ${at.line}, Col ${at.column}`);
    const rendered = await waitFor(`the cursor drawn on line ${symbolStart} of ${BUG_FILE}`, async () => {
      const r = await renderedLines(t.page, BUG_FILE);
      return r?.cursorLine === symbolStart && r.visible.includes(symbolStart) ? r : undefined;
    }, { timeoutMs: 15_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}; rendered: ${JSON.stringify(await renderedLines(t.page, BUG_FILE))}`);
    });
    t.log(`${BUG_FILE} shows lines ${rendered.visible[0]}-${rendered.visible[rendered.visible.length - 1]}, cursor on ${rendered.cursorLine}`);
    await screenshot(t.page, 'localize-command-opened');

    assertLocalizationSent(model, ISSUE_TEXT);
  },
};
