// "Atomic Skills: Generate Tests" with the cursor in `multiply` of src/math.js: the scripted model
// writes a node:test file, VS Code asks before running it (the exact command), the tests run for
// real on the current code and against mutants of `multiply`, the notification shows the
// mutation score, the proposed file opens as a diff, and "Accept Test File" writes it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { focusEditor, openFile } from '../support/editor';
import { createFixtureRepo } from '../support/fixtureRepo';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { runCommand, waitForNotification } from '../support/workbench';
import { scriptedModel } from '../support/scriptedModel';

const TARGET = 'src/math.js';
const TEST_FILE = 'test/math.test.js';
const TESTS = `'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { multiply } = require('../src/math');

test('multiplies positive, negative and zero operands', () => {
  assert.strictEqual(multiply(3, 4), 12);
  assert.strictEqual(multiply(-2, 5), -10);
  assert.strictEqual(multiply(0, 7), 0);
});
`;

export const testsCommand: Scenario = {
  name: 'tests-command',
  async run(t) {
    const repo = createFixtureRepo('localize-js');
    t.defer('remove fixture repo', () => repo.remove());
    const { settings } = await scriptedModel(t, [{ when: { systemIncludes: 'You write unit tests' }, content: `<test_file path="${TEST_FILE}">\n${TESTS}</test_file>`, times: Infinity }], {
      'atomicSkills.feedback.level': 'all',
    });
    await openVsCode(t, { folder: repo.dir, settings });
    await openFile(t.page, TARGET);
    await focusEditor(t.page, TARGET);
    const line = fs.readFileSync(path.join(repo.dir, TARGET), 'utf8').split('\n').findIndex((l) => l.includes('return a * b')) + 1;
    await t.page.keyboard.press('Control+G');
    await t.page.keyboard.type(String(line));
    await t.page.keyboard.press('Enter');

    await runCommand(t.page, 'Atomic Skills: Generate Tests');
    const box = t.page.locator('.quick-input-widget input');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    const title = await t.page.locator('.quick-input-widget .quick-input-title').innerText();
    t.log(`input box title: ${title}`);
    assert(title.includes('multiply'), `the cursor's function is the target: "${title}"`);
    await t.page.keyboard.press('Enter');

    const dialog = t.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 120_000 });
    const question = (await dialog.innerText()).replace(/\s+/g, ' ');
    t.log(`consent: ${question.slice(0, 300)}`);
    assert(question.includes(`node --test ${TEST_FILE}`), `the dialog shows the exact command: "${question}"`);
    await screenshot(t.page, 'tests-command-consent');
    await dialog.locator('.monaco-button', { hasText: /^Run$/ }).click({ timeout: 10_000 });

    const note = await waitForNotification(t.page, /mutation score/, 120_000);
    t.log(`notification: ${note}`);
    assert(note.includes(TEST_FILE), `the notification names ${TEST_FILE}`);
    const score = /mutation score (\d+)% \((\d+) of (\d+) mutants killed/.exec(note);
    assert(score && Number(score[3]) > 0 && Number(score[2]) > 0, `a real mutation score with killed mutants: "${note}"`);
    assertEqual(fs.existsSync(path.join(repo.dir, TEST_FILE)), false, `${TEST_FILE} exists before it is accepted`);
    await screenshot(t.page, 'tests-command-result');

    await t.page.locator('.notification-list-item', { hasText: 'mutation score' }).locator('.monaco-button', { hasText: 'Accept Test File' }).click({ timeout: 10_000 });
    await waitFor(`${TEST_FILE} written`, async () => fs.existsSync(path.join(repo.dir, TEST_FILE)) && fs.readFileSync(path.join(repo.dir, TEST_FILE), 'utf8') === TESTS, { timeoutMs: 15_000 });
    t.log(`${TEST_FILE} written after Accept`);
  },
};
