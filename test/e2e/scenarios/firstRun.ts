// A first run without a model: no endpoint set, nothing on the local servers' ports, no VS Code
// chat model. The status bar says "Atomic: no model" (its tooltip lists the servers tried),
// `@atomic /review` answers with each server tried and its URL, once, and a Configure Model
// button that opens the model settings; the Getting Started walkthrough shows its four steps.
import { screenshot } from '../support/browser';
import { lastResponse, openChat, sendChatMessage, waitForModel, waitForResponse } from '../support/chat';
import { createFixtureRepo } from '../support/fixtureRepo';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';

const SETUP_MODEL = 'No model connected (Atomic Skills)';
const SERVERS = ['Ollama at http://127.0.0.1:11434/v1', 'LM Studio at http://127.0.0.1:1234/v1', 'vLLM at http://127.0.0.1:8000/v1', 'llama.cpp at http://127.0.0.1:8080/v1'];
const WALKTHROUGH_KEY = 'ctrl+alt+shift+g';

export const firstRun: Scenario = {
  name: 'first-run',
  async run(t) {
    const repo = createFixtureRepo('review-js', [{ file: 'src/math.js', replace: { from: '  return a - b;', to: '  return a + b;' } }]);
    t.defer('remove fixture repo', () => repo.remove());
    await openVsCode(t, {
      folder: repo.dir,
      settings: { 'atomicSkills.model.backend': 'auto' },
      keybindings: [{ key: WALKTHROUGH_KEY, command: 'workbench.action.openWalkthrough', args: 'atomic-skills.atomic-skills#atomicSkills.gettingStarted' }],
    });
    await openChat(t.page);

    // The status bar: no model, with what was tried in the tooltip.
    const item = t.page.locator('.statusbar-item', { hasText: 'Atomic: no model' }).first();
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    await item.hover();
    const tooltip = await waitFor('the no-model tooltip', async () => {
      const text = await t.page.locator('.monaco-hover, .workbench-hover').first().innerText().catch(() => '');
      return text.includes('Tried') ? text : undefined;
    }, { timeoutMs: 15_000 });
    t.log(`status tooltip: ${tooltip.replace(/\s+/g, ' ').slice(0, 300)}`);
    for (const server of SERVERS) assert(tooltip.includes(server), `the tooltip names ${server}`);
    await t.page.mouse.move(0, 0);

    // The picker offers our set-up entry, so @atomic is asked instead of VS Code's "Language model unavailable".
    await waitForModel(t.page, SETUP_MODEL);
    await sendChatMessage(t.page, '@atomic /review');
    const response = await waitForResponse(t.page, ['No model is connected', ...SERVERS.map((s) => s.split(' at ')[1])]);
    t.log(`response: ${response.text.replace(/\s+/g, ' ').slice(0, 600)}`);
    assert(!response.text.includes('Language model unavailable'), 'the answer is ours, not VS Code\'s');
    assertEqual(response.text.split('No model is connected').length - 1, 1, 'the error appears once');
    for (const server of SERVERS) assert(response.text.replace(/`/g, '').includes(server), `the answer names ${server}`);
    await screenshot(t.page, 'first-run-answer');

    const configure = t.page.locator('.interactive-response .monaco-button', { hasText: /^\s*Configure Model\s*$/ }).last();
    await configure.click({ timeout: 15_000 });
    const search = await waitFor('the Settings editor searching the model settings', async () => {
      const value = await t.page.locator('.settings-editor .suggest-input-container .monaco-editor .view-lines').first().innerText().catch(() => '');
      return value.includes('atomicSkills.model') ? value : undefined;
    }, { timeoutMs: 20_000 });
    t.log(`settings search: ${search.trim()}`);
    await waitFor('the Base URL setting', async () => (await t.page.locator('.settings-editor .setting-item-title', { hasText: 'Base Url' }).count()) > 0 || undefined, { timeoutMs: 20_000 });

    // The walkthrough.
    await t.page.keyboard.press('Escape');
    await t.page.locator('.monaco-workbench').click({ position: { x: 600, y: 400 } }).catch(() => undefined);
    await t.page.keyboard.press('Control+Alt+Shift+G');
    const steps = await waitFor('the walkthrough with its steps', async () => {
      const page = t.page.locator('.gettingStartedContainer').first();
      const text = await page.innerText().catch(() => '');
      return text.includes('Get started with Atomic Skills') && text.includes('Export it for training') ? text : undefined;
    }, { timeoutMs: 30_000 });
    for (const title of ['Connect a model', 'Try each skill on the sample', 'Turn on preference data', 'Export it for training']) {
      assert(steps.includes(title), `the walkthrough has the step "${title}"`);
    }
    t.log(`walkthrough: ${steps.replace(/\s+/g, ' ').slice(0, 300)}`);
    await screenshot(t.page, 'first-run-walkthrough');
    assert((await lastResponse(t.page))?.complete, 'the chat answer is still there');
  },
};
