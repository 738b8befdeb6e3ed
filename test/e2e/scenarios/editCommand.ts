// "Atomic Skills: Edit Code" with src/math.js open: the instruction goes in the input box, the
// scripted model edits three files, each opens as a diff. From the diffs' title bars: math.js is
// accepted (written and saved), calculator.js's two changes are split (one kept, one dropped)
// and format.js is rejected (untouched). One undo takes the accepted math.js edit back, and the
// record in the feedback store carries a label for every decision.
import { screenshot } from '../support/browser';
import {
  CALC_DOC_AFTER, CALC_DOC_BEFORE, CALC_FILE, FIXED_LINE, FORMAT_FILE, INSTRUCTION, MATH_FILE, REMAINDER_LINE, hasLabel, setUpEdit, waitForEditRecord,
} from '../support/editFixture';
import { focusEditor, openFile, quickInputText } from '../support/editor';
import { Scenario, ScenarioContext, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { quickPickItems, runCommand, waitForNotification } from '../support/workbench';

const activeGroup = '.editor-group-container.active';
const diffTab = (file: string) => `.tabs-container .tab[aria-label*=${JSON.stringify(`${file} ↔`)}]`;

async function clickTitleAction(t: ScenarioContext, label: string): Promise<void> {
  await t.page.locator(`${activeGroup} .editor-actions a.action-label[aria-label^=${JSON.stringify(label)}]`).first().click({ timeout: 15_000 });
}

async function activateDiff(t: ScenarioContext, file: string): Promise<void> {
  const tab = t.page.locator(diffTab(file)).first();
  await tab.click({ timeout: 15_000 });
  await waitFor(`the diff tab of ${file} to be active`, async () => ((await tab.getAttribute('class')) ?? '').includes('active'), { timeoutMs: 10_000 });
}

async function waitForDiffClosed(t: ScenarioContext, file: string): Promise<void> {
  await waitFor(`the diff of ${file} to close`, async () => (await t.page.locator(diffTab(file)).count()) === 0, { timeoutMs: 15_000 });
}

export const editCommand: Scenario = {
  name: 'edit-command',
  async run(t) {
    const { repo, model, settings, original, onDisk } = await setUpEdit(t);
    await openVsCode(t, { folder: repo.dir, settings });
    await openFile(t.page, MATH_FILE);
    await focusEditor(t.page, MATH_FILE);

    await runCommand(t.page, 'Atomic Skills: Edit Code');
    const box = t.page.locator('.quick-input-widget input');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    const prompt = await quickInputText(t.page);
    t.log(`input box: ${prompt}`);
    assert(prompt.includes(MATH_FILE), 'the input box names the open file as the target');
    await box.fill(INSTRUCTION);
    await t.page.keyboard.press('Enter');

    const note = await waitForNotification(t.page, /edit ready for/, 120_000);
    t.log(`notification: ${note}`);
    assert([MATH_FILE, CALC_FILE, FORMAT_FILE].every((f) => note.includes(f)), `the notification names the three files: "${note}"`);
    const sent = model.chatRequests().map((r) => JSON.stringify(r.body?.messages ?? []));
    assert(sent.some((b) => b.includes(INSTRUCTION) && b.includes('function subtract')), 'the model got the instruction and the open file');
    for (const f of [MATH_FILE, CALC_FILE, FORMAT_FILE]) assertEqual(onDisk(f), original(f), `${f} on disk before any decision`);

    // math.js: accept the whole file.
    await activateDiff(t, MATH_FILE);
    await screenshot(t.page, 'edit-command-diff');
    await clickTitleAction(t, 'Accept Proposed Edit');
    await waitFor(`${MATH_FILE} written`, async () => onDisk(MATH_FILE).includes(FIXED_LINE), { timeoutMs: 15_000 });
    await waitForDiffClosed(t, MATH_FILE);
    const expectedMath = original(MATH_FILE).replace('function subtract(a, b) {\n  return a + b;', `function subtract(a, b) {\n${FIXED_LINE}`);
    assertEqual(onDisk(MATH_FILE), expectedMath, `${MATH_FILE} after accepting: only the subtract body changed`);
    t.log(`${MATH_FILE} accepted and saved`);

    // calculator.js: keep the new operator, drop the doc comment change.
    await activateDiff(t, CALC_FILE);
    await clickTitleAction(t, 'Choose Which Changes to Keep');
    const items = await quickPickItems(t.page);
    t.log(`hunks offered: ${items.join(' | ')}`);
    assertEqual(items.length, 2, `the number of changes offered for ${CALC_FILE}`);
    // In a multi-select pick a click on the row toggles its checkbox.
    await t.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'or "7 % 2"' }).first().locator('.label-name').first().click({ timeout: 10_000 });
    const count = t.page.locator('.quick-input-widget .quick-input-count');
    await waitFor('"1 Selected" in the pick', async () => /\b1\b/.test(await count.innerText().catch(() => '')), { timeoutMs: 10_000 })
      .catch(async (err: Error) => { throw new Error(`${err.message}; the pick shows: ${await quickInputText(t.page)}`); });
    await t.page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click({ timeout: 10_000 });
    await waitFor(`${CALC_FILE} written with one of its two changes`, async () => onDisk(CALC_FILE).includes(REMAINDER_LINE), { timeoutMs: 15_000 });
    assert(onDisk(CALC_FILE).includes(CALC_DOC_BEFORE) && !onDisk(CALC_FILE).includes(CALC_DOC_AFTER), `${CALC_FILE} keeps its original doc comment`);
    await waitForDiffClosed(t, CALC_FILE);

    // format.js: reject.
    await activateDiff(t, FORMAT_FILE);
    await clickTitleAction(t, 'Reject Proposed Edit');
    await waitForDiffClosed(t, FORMAT_FILE);
    assertEqual(onDisk(FORMAT_FILE), original(FORMAT_FILE), `${FORMAT_FILE} after rejecting its edit`);

    const record = await waitForEditRecord(t, (r) =>
      hasLabel(r, 'accepted', MATH_FILE) && hasLabel(r, 'rejected', FORMAT_FILE) &&
      r.labels.some((l) => l.kind === 'accepted' && l.target?.startsWith(`${CALC_FILE}:`)) &&
      r.labels.some((l) => l.kind === 'rejected' && l.target?.startsWith(`${CALC_FILE}:`)), 'command');
    t.log(`record ${record.id}: ${record.labels.map((l) => l.kind + ('target' in l && l.target ? ` ${l.target}` : '')).join(', ')}`);
    assert(record.labels.some((l) => l.kind === 'check' && l.name === 'editApplies' && l.passed), 'the record has the passed editApplies check');

    await openFile(t.page, MATH_FILE);
    await focusEditor(t.page, MATH_FILE);
    await t.page.keyboard.press('Control+Z');
    await t.page.keyboard.press('Control+S');
    await waitFor(`${MATH_FILE} back to its original text after one undo and a save`, async () => onDisk(MATH_FILE) === original(MATH_FILE), { timeoutMs: 15_000 })
      .catch((err: Error) => { throw new Error(`${err.message}; on disk: ${onDisk(MATH_FILE)}`); });
    t.log('one undo restored the original');
    await screenshot(t.page, 'edit-command-undone');
  },
};
