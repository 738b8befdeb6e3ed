// "@atomic /edit <instruction>" in the Chat view with src/math.js the active editor: the response
// shows each file's diff and writes nothing. Apply refuses, writing nothing, while a file differs
// from what the edit was proposed for; once it is back, Apply writes the three files and labels
// the chat record's files accepted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { CALC_FILE, EDITED_FILES, FIXED_LINE, FORMAT_DOC_AFTER, FORMAT_FILE, INSTRUCTION, MATH_FILE, MODEL, REMAINDER_LINE, hasLabel, setUpEdit, waitForEditRecord } from '../support/editFixture';
import { focusEditor, openFile } from '../support/editor';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { waitForNotification } from '../support/workbench';

export const chatEdit: Scenario = {
  name: 'chat-edit',
  async run(t) {
    const { repo, settings, original, onDisk } = await setUpEdit(t);
    await openVsCode(t, { folder: repo.dir, settings });
    await openFile(t.page, MATH_FILE);
    await focusEditor(t.page, MATH_FILE);
    await openChat(t.page);
    await waitForModel(t.page, MODEL);
    await sendChatMessage(t.page, `@atomic /edit ${INSTRUCTION}`);
    const response = await waitForResponse(t.page, ['Edit ready', 'Nothing is written until you apply it', /\+1 −1/], 120_000);
    t.log(`response: ${response.text.replace(/\s+/g, ' ').slice(0, 400)}`);
    for (const f of EDITED_FILES) assertEqual(onDisk(f), original(f), `${f} before Apply`);
    await screenshot(t.page, 'chat-edit');

    const apply = t.page.locator('.interactive-response .monaco-button', { hasText: /^\s*Apply\s*$/ }).last();
    // Someone changes format.js after the proposal: Apply refuses and writes none of the three.
    fs.writeFileSync(path.join(repo.dir, FORMAT_FILE), original(FORMAT_FILE) + '// changed meanwhile\n');
    await waitFor('format.js changed on disk', async () => onDisk(FORMAT_FILE).endsWith('// changed meanwhile\n'));
    await apply.click({ timeout: 15_000 });
    const refusal = await waitForNotification(t.page, /changed since the edit was proposed/, 15_000);
    t.log(`refused: ${refusal}`);
    assert(refusal.includes(FORMAT_FILE), `the refusal names ${FORMAT_FILE}`);
    for (const f of [MATH_FILE, CALC_FILE]) assertEqual(onDisk(f), original(f), `${f} after the refused Apply`);

    fs.writeFileSync(path.join(repo.dir, FORMAT_FILE), original(FORMAT_FILE));
    await waitFor('format.js restored on disk', async () => onDisk(FORMAT_FILE) === original(FORMAT_FILE));
    await new Promise((r) => setTimeout(r, 1500)); // the file watcher tells VS Code
    await apply.click({ timeout: 15_000 });
    await waitFor('the three files written', async () =>
      onDisk(MATH_FILE).includes(FIXED_LINE) && onDisk(CALC_FILE).includes(REMAINDER_LINE) && onDisk(FORMAT_FILE).includes(FORMAT_DOC_AFTER), { timeoutMs: 15_000 });
    const record = await waitForEditRecord(t, (r) => EDITED_FILES.every((f) => hasLabel(r, 'accepted', f)), 'chat');
    t.log(`record ${record.id}: ${record.labels.map((l) => l.kind).join(', ')}`);
    await screenshot(t.page, 'chat-edit-applied');
  },
};
