// Issue 13, item 5: an endpoint whose 401 quotes the Authorization header it got. The key typed into
// "Atomic Skills: Set API Key" reaches that endpoint (it is the right origin) but no notification and no
// line of the "Atomic Skills" log shows it: the echo is shown with the key replaced.
import * as fs from 'node:fs';
import { startScriptedModelServer } from '../../support/scriptedModelServer';
import { extensionLogs } from '../support/codeServer';
import { BUG_FILE, REMOVED_LINE } from '../support/reviewFixture';
import { createFixtureRepo } from '../support/fixtureRepo';
import { Scenario, assert } from '../support/scenario';
import { MODEL } from '../support/scriptedModel';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { acceptQuickPick, runCommand, waitForNotification } from '../support/workbench';

const KEY = 'e2e-key-that-must-not-show-0451';

export const apiKeyEcho: Scenario = {
  name: 'api-key-echo',
  async run(t) {
    const repo = createFixtureRepo('review-js', [{ file: BUG_FILE, replace: { from: `  ${REMOVED_LINE}`, to: '  return a + b;' } }]);
    t.defer('remove fixture repo', () => repo.remove());
    const server = await startScriptedModelServer({ models: [MODEL], apiKey: 'the-key-this-server-wants', echoAuthorization: true });
    t.defer('stop scripted model', () => server.close());
    await openVsCode(t, { folder: repo.dir, settings: { 'atomicSkills.model.baseUrl': server.url, 'atomicSkills.model.name': MODEL, 'atomicSkills.model.backend': 'openai' } });

    await runCommand(t.page, 'Atomic Skills: Set API Key');
    const origin = new URL(server.url).origin;
    const box = t.page.locator('.quick-input-widget');
    await waitFor('the API key input', async () => ((await box.isVisible()) && (await box.innerText()).includes(origin)) || undefined, { timeoutMs: 30_000 });
    await t.page.keyboard.type(KEY);
    await t.page.keyboard.press('Enter');
    await waitForNotification(t.page, `API key stored for ${origin}`);

    await runCommand(t.page, 'Atomic Skills: Review Changes');
    await acceptQuickPick(t.page, 'Uncommitted changes', { mustBeFirst: true });
    const note = await waitForNotification(t.page, /refused the API key/);
    t.log(`notification: ${note}`);
    assert(server.chatRequests().some((r) => r.headers.authorization === `Bearer ${KEY}`), 'the key went to its endpoint, which echoed it');
    assert(!note.includes(KEY) && note.includes('Authorization: Bearer [REDACTED:api-key]') && note.includes('Set API Key'), `the notification: "${note}"`);

    const logged = await waitFor('the error in the "Atomic Skills" log', async () => {
      const text = extensionLogs(t.server!.userDataDir).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      return /refused the API key/.test(text) ? text : undefined;
    }, { timeoutMs: 30_000 });
    assert(!logged.includes(KEY), 'no log line holds the key');
  },
};
