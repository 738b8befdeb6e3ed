// "@atomic /fix <issue>" in the Chat view, end to end against the scripted model on the
// localize-js bug (subtract adds): localize → reproduce (the script really fails) → edit →
// verify (the script really passes with the edit applied, and so do the existing tests) → review YES; each step streams its
// check, the patch is shown and nothing is written until "Apply Patch", which writes the fix and
// labels the steps' records accepted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { screenshot } from '../support/browser';
import { openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { createFixtureRepo } from '../support/fixtureRepo';
import { MODEL, scriptedModel } from '../support/scriptedModel';
import { subtractFixReplies } from '../support/subtractFixReplies';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';

export const chatFix: Scenario = {
  name: 'chat-fix',
  timeoutMs: 4 * 60_000,
  async run(t) {
    const repo = createFixtureRepo('localize-js');
    t.defer('remove fixture repo', () => repo.remove());
    const original = fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8');
    const { settings } = await scriptedModel(
      t,
      subtractFixReplies,
      { 'atomicSkills.feedback.level': 'all' },
    );
    await openVsCode(t, { folder: repo.dir, settings });
    await openChat(t.page);
    await waitForModel(t.page, MODEL);
    await sendChatMessage(t.page, '@atomic /fix Evaluating 5 - 3 prints 8 instead of 2: subtract adds');

    const dialog = t.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 120_000 });
    const question = (await dialog.innerText()).replace(/\s+/g, ' ');
    t.log(`consent: ${question.slice(0, 200)}`);
    assert(question.includes('node repro_subtract.js'), 'the reproduction command is asked about');
    await dialog.locator('.monaco-button', { hasText: /^Run$/ }).click({ timeout: 10_000 });
    // Verify runs the existing tests of the touched code (calculator.test.js covers math.js through calculator.js).
    const testsQuestion = await waitFor('the consent dialog for the existing tests', async () => {
      if (!(await dialog.isVisible())) return undefined;
      const q = (await dialog.innerText()).replace(/\s+/g, ' ');
      return q.includes('test/calculator.test.js') ? q : undefined;
    }, { timeoutMs: 120_000 });
    t.log(`consent: ${testsQuestion.slice(0, 200)}`);
    await dialog.locator('.monaco-button', { hasText: /^Run$/ }).click({ timeout: 10_000 });

    const response = await waitForResponse(t.page, ['Fix Bug: done', 'Apply Patch'], 180_000);
    const text = response.text.replace(/\s+/g, ' ');
    t.log(`response: ${text.slice(0, 700)}`);
    for (const step of ['localize', 'reproduce', 'edit', 'verify', 'review']) assert(new RegExp(`✅ ${step}\\b`).test(text), `step ${step} passed in the response`);
    assert(text.includes('failsBefore passed') && text.includes('verified passed') && text.includes('judgment passed'), 'the checks are named');
    assertEqual(fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8'), original, 'src/math.js before Apply');
    assert(!fs.existsSync(path.join(repo.dir, 'repro_subtract.js')), 'the reproduction script is not left behind');
    await screenshot(t.page, 'chat-fix');

    await t.page.locator('.interactive-response .monaco-button', { hasText: /Apply Patch/ }).last().click({ timeout: 15_000 });
    await waitFor('the fix written', async () => fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8').includes('return a - b;'), { timeoutMs: 15_000 });
    const store = new FeedbackStore(path.join(t.server!.userDataDir, 'User', 'globalStorage', 'atomic-skills.atomic-skills', 'feedback'));
    const labelled = await waitFor('accepted labels on the steps\' records', async () => {
      const { records } = await store.readRecords();
      const accepted = records.filter((r) => r.labels.some((l) => l.kind === 'accepted' && 'target' in l && l.target === 'src/math.js'));
      return accepted.length >= 4 ? accepted : undefined;
    }, { timeoutMs: 15_000 });
    t.log(`accepted on the records of: ${labelled.map((r) => r.skill).join(', ')}`);
    assert(['localize', 'reproduce', 'edit', 'review'].every((s) => labelled.some((r) => r.skill === s)), 'every model step is labelled');
    const localized = labelled.find((r) => r.skill === 'localize')!;
    const check = localized.labels.find((l) => l.kind === 'check' && l.name === 'localizationMatchesChange');
    assert(check && check.kind === 'check' && check.passed && check.value === 1, `the localization learns it named exactly the changed file: ${JSON.stringify(localized.labels)}`);
  },
};
