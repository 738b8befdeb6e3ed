// "Atomic Skills: Fix Bug" from the Command Palette: the task typed into the input box, the same
// command loop as every skill's, the consent dialogs for the reproduction and the existing tests,
// then the patch opens for review and the notification's "Accept All" writes it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { createFixtureRepo } from '../support/fixtureRepo';
import { scriptedModel } from '../support/scriptedModel';
import { subtractFixReplies } from '../support/subtractFixReplies';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { runCommand, waitForNotification } from '../support/workbench';

export const fixCommand: Scenario = {
  name: 'fix-command',
  timeoutMs: 4 * 60_000,
  async run(t) {
    const repo = createFixtureRepo('localize-js');
    t.defer('remove fixture repo', () => repo.remove());
    const original = fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8');
    const { settings } = await scriptedModel(t, subtractFixReplies);
    await openVsCode(t, { folder: repo.dir, settings });

    await runCommand(t.page, 'Atomic Skills: Fix Bug');
    const box = t.page.locator('.quick-input-widget input');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    const title = await t.page.locator('.quick-input-widget .quick-input-title').innerText();
    assert(title.includes('Fix Bug'), `the input box names the workflow: "${title}"`);
    await t.page.keyboard.type('Evaluating 5 - 3 prints 8 instead of 2: subtract adds');
    await t.page.keyboard.press('Enter');

    const dialog = t.page.locator('.monaco-dialog-box');
    for (const command of ['node repro_subtract.js', 'test/calculator.test.js']) {
      await waitFor(`the consent dialog for ${command}`, async () => (await dialog.isVisible()) && (await dialog.innerText()).includes(command), { timeoutMs: 120_000 });
      await dialog.locator('.monaco-button', { hasText: /^Run$/ }).click({ timeout: 10_000 });
    }

    const note = await waitForNotification(t.page, /Fix Bug done/, 180_000);
    t.log(`notification: ${note}`);
    assert(note.includes('patch for src/math.js'), 'the notification names the patched file');
    assertEqual(fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8'), original, 'src/math.js before Accept All');
    assert(!fs.existsSync(path.join(repo.dir, 'repro_subtract.js')), 'the reproduction script is not left behind');
    await screenshot(t.page, 'fix-command');

    await t.page.locator('.notification-list-item', { hasText: 'Fix Bug done' }).locator('.monaco-button', { hasText: 'Accept All' }).click({ timeout: 10_000 });
    await waitFor('the fix written', async () => fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8').includes('return a - b;'), { timeoutMs: 15_000 });
  },
};
