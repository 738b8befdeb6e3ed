// "Atomic Skills: Set API Key" binds the key to the endpoint it was typed for: the review sends it
// there, and when a workspace's settings point the base URL at another endpoint, that endpoint
// never receives the key (it answers 401, and the error says to set a key for it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startScriptedModelServer } from '../../support/scriptedModelServer';
import { BUG_FILE, REMOVED_LINE, reviewReply } from '../support/reviewFixture';
import { createFixtureRepo } from '../support/fixtureRepo';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { MODEL } from '../support/scriptedModel';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { acceptQuickPick, runCommand, waitForNotification } from '../support/workbench';

const KEY = 'sk-atomic-e2e-origin-bound';

export const apiKeyOrigin: Scenario = {
  name: 'api-key-origin',
  async run(t) {
    const repo = createFixtureRepo('review-js', [{ file: BUG_FILE, replace: { from: `  ${REMOVED_LINE}`, to: '  return a + b;' } }]);
    t.defer('remove fixture repo', () => repo.remove());
    const line = repo.lineOf(BUG_FILE, 'function subtract') + 1;
    const replies = [{ content: reviewReply(line), times: Infinity }];
    const own = await startScriptedModelServer({ models: [MODEL], apiKey: KEY, replies });
    const other = await startScriptedModelServer({ models: [MODEL], apiKey: KEY, replies });
    t.defer('stop scripted models', () => Promise.all([own.close(), other.close()]));
    const settings = { 'atomicSkills.model.baseUrl': own.url, 'atomicSkills.model.name': MODEL, 'atomicSkills.model.backend': 'openai' };
    await openVsCode(t, { folder: repo.dir, settings });

    await runCommand(t.page, 'Atomic Skills: Set API Key');
    const origin = new URL(own.url).origin;
    const box = t.page.locator('.quick-input-widget');
    await waitFor('the API key input', async () => ((await box.isVisible()) && (await box.innerText()).includes(origin)) || undefined, { timeoutMs: 30_000 });
    t.log(`input: ${(await box.innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
    await t.page.keyboard.type(KEY);
    await t.page.keyboard.press('Enter');
    await waitForNotification(t.page, `API key stored for ${origin}`);

    await runCommand(t.page, 'Atomic Skills: Review Changes');
    await acceptQuickPick(t.page, 'Uncommitted changes', { mustBeFirst: true });
    await waitForNotification(t.page, /Atomic Skills review: NO\b/);
    const sent = own.chatRequests().map((r) => r.headers.authorization);
    assert(sent.length > 0 && sent.every((a) => a === `Bearer ${KEY}`), `the key went to its own endpoint: ${JSON.stringify(sent)}`);

    // The workspace now points the base URL elsewhere (a repository can ship this file).
    fs.mkdirSync(path.join(repo.dir, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(repo.dir, '.vscode', 'settings.json'), JSON.stringify({ 'atomicSkills.model.baseUrl': other.url }));
    await waitFor('the workspace setting to reach the extension', async () => {
      await runCommand(t.page, 'Atomic Skills: Review Changes');
      await acceptQuickPick(t.page, 'Uncommitted changes', { mustBeFirst: true });
      return (await waitForNotification(t.page, /refused the API key/, 10_000).catch(() => undefined)) && other.requests.length > 0 ? true : undefined;
    }, { timeoutMs: 90_000 });
    const note = await waitForNotification(t.page, /refused the API key/);
    t.log(`notification: ${note}`);
    assert(note.includes(new URL(other.url).host) && note.includes('Set API Key'), `the error names the endpoint and the fix: "${note}"`);
    const leaked = other.requests.filter((r) => JSON.stringify(r.headers).includes(KEY));
    assertEqual(leaked.length, 0, 'requests to the other endpoint that carried the key');
    assertEqual(other.chatRequests().every((r) => !r.headers.authorization), true, 'the other endpoint got no Authorization header at all');
  },
};
