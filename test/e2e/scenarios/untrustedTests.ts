// Workspace Trust: the same folder opened in Restricted Mode. "Atomic Skills: Generate Tests"
// refuses at once (no input asked, no model call), with a "Manage Workspace Trust" action;
// nothing runs and no file appears. "Review Changes" (git) refuses the same way. "Run Workflow…"
// offers the built-ins only: the workspace's own workflow file is not read until it is trusted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { focusEditor, openFile } from '../support/editor';
import { createFixtureRepo } from '../support/fixtureRepo';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { scriptedModel } from '../support/scriptedModel';
import { waitFor } from '../support/wait';
import { runCommand, waitForNotification } from '../support/workbench';

export const untrustedTests: Scenario = {
  name: 'untrusted-tests',
  async run(t) {
    const repo = createFixtureRepo('localize-js');
    t.defer('remove fixture repo', () => repo.remove());
    fs.mkdirSync(path.join(repo.dir, '.atomic', 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(repo.dir, '.atomic', 'workflows', 'own.json'), JSON.stringify({ name: 'own', title: 'Own Workflow', description: 'x', task: ['issue'], steps: [{ id: 'localize', skill: 'localize', input: { task: '$task.issue' }, onFail: { action: 'stop' } }] }));
    const { model, settings } = await scriptedModel(t, [{ content: '<test_file path="test/x.test.js">\nthrow 1;\n</test_file>', times: Infinity }], {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
    });
    await openVsCode(t, { folder: repo.dir, settings, disableWorkspaceTrust: false });
    await openFile(t.page, 'src/math.js');
    await focusEditor(t.page, 'src/math.js');

    await runCommand(t.page, 'Atomic Skills: Generate Tests');
    const note = await waitForNotification(t.page, /not trusted/, 60_000);
    t.log(`notification: ${note}`);
    assert(note.includes('runs code'), `the refusal says why: "${note}"`);
    const action = t.page.locator('.notification-list-item', { hasText: 'not trusted' }).locator('.monaco-button', { hasText: 'Manage Workspace Trust' });
    assertEqual(await action.count(), 1, 'the notification offers Manage Workspace Trust');
    await screenshot(t.page, 'untrusted-tests');
    assertEqual(model.chatRequests().length, 0, 'the model was not asked');
    assertEqual(fs.readdirSync(path.join(repo.dir, 'test')).sort().join(','), 'calculator.test.js', 'no test file appeared');
    assertEqual(await t.page.locator('.monaco-dialog-box').count(), 0, 'no run was offered');
    assertEqual(await t.page.locator('.quick-input-widget input').isVisible(), false, 'no input was asked for');

    // Review runs git, which the repository's own configuration can make run programs: it waits for trust too.
    await runCommand(t.page, 'Atomic Skills: Review Changes');
    const gitNote = await waitForNotification(t.page, /runs git/, 60_000);
    t.log(`notification: ${gitNote}`);
    assert(gitNote.includes('not trusted'), `the review refusal says why: "${gitNote}"`);
    assertEqual(model.chatRequests().length, 0, 'the model was still not asked');
    assertEqual(await t.page.locator('.quick-input-widget input').isVisible(), false, 'no scope was asked for');

    await t.page.keyboard.press('Escape');
    await runCommand(t.page, 'Atomic Skills: Run Workflow…');
    const list = t.page.locator('.quick-input-widget .quick-input-list');
    await waitFor('the workflow picker', async () => (await list.isVisible()) && (await list.innerText()).includes('Fix Bug'), { timeoutMs: 15_000 });
    const shown = (await list.innerText()).replace(/\s+/g, ' ');
    t.log(`picker: ${shown.slice(0, 400)}`);
    assert(shown.includes('Trust the workspace to run its own workflows'), 'the picker says why the workspace\'s own are missing');
    assert(!shown.includes('Own Workflow'), 'the workspace\'s own workflow is not offered');
    await t.page.keyboard.press('Escape');
  },
};
