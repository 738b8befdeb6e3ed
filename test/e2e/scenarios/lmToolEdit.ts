// The edit tool invoked by another extension like an agent would: VS Code asks for confirmation
// with the files the edit touches, and only after "Allow" are they written; the tool result says
// what changed. A declined confirmation writes nothing and leaves a record labelled notTaken (VS Code does not
// tell the tool it was declined, so no verdict either way).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { CALC_FILE, EDITED_FILES, FIXED_LINE, INSTRUCTION, MATH_FILE, REMAINDER_LINE, hasLabel, setUpEdit, waitForEditRecord } from '../support/editFixture';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { toolCallerVsix } from '../support/toolCallerVsix';
import { waitFor } from '../support/wait';
import { runCommand } from '../support/workbench';

export const lmToolEdit: Scenario = {
  name: 'lm-tool-edit',
  async run(t) {
    const { repo, settings, original, onDisk } = await setUpEdit(t);
    const testDir = path.join(repo.dir, '.atomic-test');
    fs.mkdirSync(testDir);
    fs.writeFileSync(path.join(testDir, 'tool-request.json'), JSON.stringify({ name: 'atomicSkills_editCode', input: { instruction: INSTRUCTION, files: [MATH_FILE] } }));
    const resultFile = path.join(testDir, 'tool-result.json');

    await openVsCode(t, { folder: repo.dir, settings, extraVsixes: [toolCallerVsix()] });
    const dialog = t.page.locator('.monaco-dialog-box');

    // Declined first: nothing is written, and the run is still recorded (labelled notTaken once the call is made again).
    await runCommand(t.page, 'Atomic Skills Test: Invoke Tool');
    await dialog.waitFor({ state: 'visible', timeout: 120_000 });
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click({ timeout: 10_000 });
    await waitFor('the declined call to end', () => fs.existsSync(resultFile) || undefined, { timeoutMs: 60_000 });
    assertEqual(onDisk(MATH_FILE), original(MATH_FILE), `${MATH_FILE} after declining`);
    fs.rmSync(resultFile);

    await runCommand(t.page, 'Atomic Skills Test: Invoke Tool');
    await dialog.waitFor({ state: 'visible', timeout: 120_000 });
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    t.log(`confirmation: ${text.slice(0, 300)}`);
    assert(text.includes('Apply the edit to 3 files?'), `the confirmation asks about 3 files: "${text}"`);
    assert(EDITED_FILES.every((f) => text.includes(f)), 'the confirmation lists the three files');
    assertEqual(onDisk(MATH_FILE), original(MATH_FILE), `${MATH_FILE} while the confirmation is open`);
    await screenshot(t.page, 'lm-tool-edit-confirm');
    const buttons = await dialog.locator('.monaco-button').allInnerTexts();
    t.log(`buttons: ${buttons.join(' | ')}`);
    const allow = dialog.locator('.monaco-button', { hasText: /^(Allow|Continue|Yes|OK)$/ }).first();
    await allow.click({ timeout: 10_000 });

    const result = await waitFor('tool-result.json', () => (fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { ok: boolean; parts?: string[]; error?: string }) : undefined), { timeoutMs: 60_000 });
    assert(result.ok, `invokeTool succeeded (error: ${result.error})`);
    const said = result.parts?.[result.parts.length - 1] ?? '';
    t.log(`tool says: ${said}`);
    assert(said.startsWith('Wrote') && EDITED_FILES.every((f) => said.includes(f)), `the result says what was written: "${said}"`);
    assert(onDisk(MATH_FILE).includes(FIXED_LINE) && onDisk(CALC_FILE).includes(REMAINDER_LINE), 'both files written after the confirmation');
    await waitForEditRecord(t, (r) => EDITED_FILES.every((f) => hasLabel(r, 'accepted', f)), 'tool');
    await waitForEditRecord(t, (r) => hasLabel(r, 'notTaken', 'tool confirmation') && !r.labels.some((l) => l.kind === 'accepted' || l.kind === 'rejected'), 'tool');
  },
};
