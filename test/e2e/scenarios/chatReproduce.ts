// "@atomic <issue>" in the Chat view, free text: the request is routed to /reproduce (one model
// call picks it), then the scripted model writes a script for the
// fixture's subtract bug, VS Code asks before running it, it runs for real and fails (fail-before),
// the judge accepts the failure, the answer says "Reproduced" with the output, and "Keep Script"
// writes the script into the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { createFixtureRepo } from '../support/fixtureRepo';
import { MODEL, scriptedModel } from '../support/scriptedModel';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';

const SCRIPT_PATH = 'repro_subtract.js';
const SCRIPT = "const assert = require('node:assert');\nconst { subtract } = require('./src/math');\nassert.strictEqual(subtract(5, 3), 2);\n";

export const chatReproduce: Scenario = {
  name: 'chat-reproduce',
  async run(t) {
    const repo = createFixtureRepo('localize-js');
    t.defer('remove fixture repo', () => repo.remove());
    const { settings } = await scriptedModel(t, [
        { when: { systemIncludes: 'You route a developer' }, content: '<route>reproduce</route>', times: Infinity },
        { when: { systemIncludes: 'You judge a bug reproduction' }, content: '<judgment>YES</judgment><reason>subtract(5, 3) gives 8: it adds.</reason>', times: Infinity },
        { when: { systemIncludes: 'You reproduce reported bugs' }, content: `<reproduction path="${SCRIPT_PATH}" command="node ${SCRIPT_PATH}">\n${SCRIPT}</reproduction>`, times: Infinity },
    ]);
    await openVsCode(t, { folder: repo.dir, settings });
    await openChat(t.page);
    await waitForModel(t.page, MODEL);
    await sendChatMessage(t.page, '@atomic subtract(5, 3) returns 8 instead of 2, show me');

    const dialog = t.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 120_000 });
    const question = (await dialog.innerText()).replace(/\s+/g, ' ');
    t.log(`consent: ${question.slice(0, 240)}`);
    assert(question.includes(`node ${SCRIPT_PATH}`) && question.includes('as the model wrote it'), `the dialog shows the model's command: "${question}"`);
    assertEqual(await dialog.locator('.monaco-button', { hasText: /Always Allow/ }).count(), 0, 'a command the model wrote cannot be allowed for good');
    await dialog.locator('.monaco-button', { hasText: /^Run$/ }).click({ timeout: 10_000 });

    const response = await waitForResponse(t.page, ['Reproduced', 'AssertionError'], 120_000);
    assert(response.text.includes('This looks like a job for /reproduce; ran it.'), 'the free-text request was routed to /reproduce');
    t.log(`response: ${response.text.replace(/\s+/g, ' ').slice(0, 300)}`);
    assert(!fs.existsSync(path.join(repo.dir, SCRIPT_PATH)), 'the script is not left in the workspace');
    await screenshot(t.page, 'chat-reproduce');
    await t.page.locator('.interactive-response .monaco-button', { hasText: /Keep Script/ }).last().click({ timeout: 15_000 });
    await waitFor(`${SCRIPT_PATH} kept`, async () => fs.existsSync(path.join(repo.dir, SCRIPT_PATH)) && fs.readFileSync(path.join(repo.dir, SCRIPT_PATH), 'utf8') === SCRIPT, { timeoutMs: 15_000 });
    t.log(`${SCRIPT_PATH} written after Keep Script`);
  },
};
