// A workflow as a language-model tool, invoked by another extension like an agent would:
// vscode.lm.invokeTool('atomicSkills_fixBug', {issue}) on the localize-js bug (subtract adds). The
// same loop as every skill's tool runs it: the consent dialogs for the reproduction and the
// existing tests, then JSON with every step's check (their full outputs left out) and the patch,
// and nothing written to the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { createFixtureRepo } from '../support/fixtureRepo';
import { scriptedModel } from '../support/scriptedModel';
import { subtractFixReplies } from '../support/subtractFixReplies';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { toolCallerVsix } from '../support/toolCallerVsix';
import { waitFor } from '../support/wait';
import { runCommand } from '../support/workbench';

interface ToolResultFile {
  ok: boolean;
  parts?: string[];
  error?: string;
}

export const lmToolFix: Scenario = {
  name: 'lm-tool-fix',
  timeoutMs: 4 * 60_000,
  async run(t) {
    const repo = createFixtureRepo('localize-js');
    t.defer('remove fixture repo', () => repo.remove());
    const original = fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8');
    const testDir = path.join(repo.dir, '.atomic-test');
    fs.mkdirSync(testDir);
    fs.appendFileSync(path.join(repo.dir, '.git', 'info', 'exclude'), '.atomic-test/\n');
    fs.writeFileSync(path.join(testDir, 'tool-request.json'), JSON.stringify({ name: 'atomicSkills_fixBug', input: { issue: 'Evaluating 5 - 3 prints 8 instead of 2: subtract adds' } }));
    const resultFile = path.join(testDir, 'tool-result.json');
    const { settings } = await scriptedModel(t, subtractFixReplies);

    await openVsCode(t, { folder: repo.dir, settings, extraVsixes: [toolCallerVsix()] });
    await runCommand(t.page, 'Atomic Skills Test: Invoke Tool');
    const dialog = t.page.locator('.monaco-dialog-box');
    for (const command of ['node repro_subtract.js', 'test/calculator.test.js']) {
      await waitFor(`the consent dialog for ${command}`, async () => (await dialog.isVisible()) && (await dialog.innerText()).includes(command), { timeoutMs: 120_000 });
      await dialog.locator('.monaco-button', { hasText: /^Run$/ }).click({ timeout: 10_000 });
    }
    const result = await waitFor('tool-result.json', () => (fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ToolResultFile) : undefined), { timeoutMs: 180_000 });
    await screenshot(t.page, 'lm-tool-fix');
    assert(result.ok, `invokeTool succeeded (error: ${result.error})`);
    assert(result.parts && result.parts.length >= 2, 'the tool result has the JSON and the summary');
    t.log(`tool result part 2: ${result.parts[1].slice(0, 400)}`);
    const run = JSON.parse(result.parts[0]) as { workflow: string; status: string; steps: Array<Record<string, unknown>>; patch: string };
    assertEqual(run.workflow, 'fix', 'workflow');
    assertEqual(run.status, 'succeeded', 'status');
    assertEqual(run.steps.map((s) => `${s.step}:${s.status}`).join(' '), 'localize:passed reproduce:passed edit:passed verify:passed review:passed', 'steps');
    assert(run.steps.every((s) => !('output' in s)), 'the steps\' full outputs are left out of what the calling model gets');
    assert(run.patch.includes('+  return a - b;'), 'the patch fixes subtract');
    assert(result.parts[1].includes('Fix Bug: done'), 'the summary names the workflow by its title');
    assertEqual(fs.readFileSync(path.join(repo.dir, 'src/math.js'), 'utf8'), original, 'src/math.js is not written by the tool');
    assert(!fs.existsSync(path.join(repo.dir, 'repro_subtract.js')), 'the reproduction script is not left behind');
  },
};
