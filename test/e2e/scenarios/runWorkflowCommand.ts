// "Atomic Skills: Run Workflow…": the picker offers the built-in workflows, the workspace's own
// (.atomic/workflows) and names an invalid file with what is wrong (picked, it opens); the workspace's workflow runs
// through the same presenter as the built-ins, and the notification's "Accept All" writes its patch.
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

const quickFix = {
  name: 'quick-fix',
  title: 'Quick Fix',
  description: 'Localize and edit, no tests.',
  task: ['issue'],
  steps: [
    { id: 'localize', skill: 'localize', input: { task: '$task.issue' }, onFail: { action: 'stop' } },
    { id: 'edit', skill: 'edit', input: { instruction: '$task.issue', files: '$localize.committed' }, onFail: { action: 'stop' } },
  ],
};

export const runWorkflowCommand: Scenario = {
  name: 'run-workflow-command',
  timeoutMs: 4 * 60_000,
  async run(t) {
    const repo = createFixtureRepo('localize-js');
    t.defer('remove fixture repo', () => repo.remove());
    const dir = path.join(repo.dir, '.atomic', 'workflows');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'quick-fix.json'), JSON.stringify(quickFix, null, 2));
    fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ ...quickFix, name: 'broken', steps: [{ id: 'x', skill: 'deploy', input: {}, onFail: { action: 'stop' } }] }));
    const original = fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8');
    const { settings } = await scriptedModel(t, subtractFixReplies);
    await openVsCode(t, { folder: repo.dir, settings });

    await runCommand(t.page, 'Atomic Skills: Run Workflow…');
    const list = t.page.locator('.quick-input-widget .quick-input-list');
    await waitFor('the workflow picker', async () => (await list.isVisible()) && (await list.innerText()).includes('Quick Fix'), { timeoutMs: 15_000 });
    const shown = (await list.innerText()).replace(/\s+/g, ' ');
    t.log(`picker: ${shown.slice(0, 600)}`);
    for (const title of ['Fix Bug', 'Refactor', 'Quick Fix', '.atomic/workflows/broken.json']) assert(shown.includes(title), `the picker offers ${title}`);
    await screenshot(t.page, 'run-workflow-picker');

    // The invalid file, picked, opens for fixing.
    await t.page.keyboard.type('broken.json');
    await t.page.keyboard.press('Enter');
    await t.page.locator('.tabs-container .tab', { hasText: 'broken.json' }).waitFor({ state: 'visible', timeout: 15_000 });

    await runCommand(t.page, 'Atomic Skills: Run Workflow…');
    await waitFor('the workflow picker again', async () => (await list.isVisible()) && (await list.innerText()).includes('Quick Fix'), { timeoutMs: 15_000 });
    await t.page.keyboard.type('quick-fix');
    await t.page.keyboard.press('Enter');
    const box = t.page.locator('.quick-input-widget input');
    await waitFor('the task box', async () => (await t.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '')).includes('Quick Fix'), { timeoutMs: 15_000 });
    await box.fill('Evaluating 5 - 3 prints 8 instead of 2: subtract adds');
    await t.page.keyboard.press('Enter');

    const note = await waitForNotification(t.page, /Quick Fix done/, 180_000);
    t.log(`notification: ${note}`);
    assert(note.includes('patch for src/math.js'), 'the notification names the patched file');
    assertEqual(fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8'), original, 'src/math.js before Accept All');
    await t.page.locator('.notification-list-item', { hasText: 'Quick Fix done' }).locator('.monaco-button', { hasText: 'Accept All' }).click({ timeout: 10_000 });
    await waitFor('the fix written', async () => fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8').includes('return a - b;'), { timeoutMs: 15_000 });
  },
};
