// `npm start` as a user runs it (scripts/start.mjs, with code-server since no `code` is on PATH):
// the sample workspace opens trusted, so "Review Changes" runs at once against the model named by
// ATOMIC_SKILLS_BASE_URL / ATOMIC_SKILLS_MODEL and reviews the sample's uncommitted change.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, screenshot } from '../support/browser';
import { makeTempDir, removeDir, repoRoot, vscodeHostDir } from '../support/paths';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { MODEL, scriptedModel } from '../support/scriptedModel';
import { waitFor } from '../support/wait';
import { acceptQuickPick, runCommand, waitForNotification } from '../support/workbench';

const FINDING = 'the loop reads one item past the end';

export const npmStart: Scenario = {
  name: 'npm-start',
  async run(t) {
    const findings = [{ file: 'src/cart.js', line: 6, severity: 'high', category: 'bug', message: FINDING }];
    const reply = `<review>Off by one.</review>\n<findings>${JSON.stringify(findings)}</findings>\n<judgment>NO</judgment>`;
    const { model } = await scriptedModel(t, [{ content: reply, times: Infinity }]);
    const startDir = makeTempDir('start');
    t.defer('remove start dir', () => removeDir(startDir));
    const env: NodeJS.ProcessEnv = { ...process.env, ATOMIC_SKILLS_USE_CODE_SERVER: '1', ATOMIC_SKILLS_BASE_URL: model.url,
      ATOMIC_SKILLS_MODEL: MODEL, ATOMIC_SKILLS_BACKEND: 'openai', VSCODE_HOST_DIR: vscodeHostDir, START_DIR: startDir, PORT: '0' };
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    t.defer('stop npm start', async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    });
    const { url, workspace } = await waitFor('start.mjs to print the address', async () => {
      if (child.exitCode !== null) throw new Error(`start.mjs exited ${child.exitCode}:\n${output}`);
      const address = /(http:\/\/127\.0\.0\.1:\d+)\/\?folder=/.exec(output)?.[1];
      const folder = /uncommitted change \(trusted for this session\): (.+)/.exec(output)?.[1]?.trim();
      return address && folder ? { url: address, workspace: folder } : undefined;
    }, { timeoutMs: 120_000 });
    t.log(`npm start: ${url}, workspace ${workspace}`);
    assert(fs.existsSync(path.join(workspace, 'src', 'cart.js')), 'the sample workspace exists');

    t.workbench = await openWorkbench(url, workspace);
    const workbench = t.workbench;
    t.defer('close browser', () => workbench.close());
    await runCommand(t.page, 'Atomic Skills: Review Changes');
    await acceptQuickPick(t.page, 'Uncommitted changes', { mustBeFirst: true });
    const note = await waitForNotification(t.page, /Atomic Skills review: NO\b/);
    t.log(`notification: ${note}`);
    assertEqual(await t.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count(), 0, 'no Restricted Mode indicator');
    const sent = model.chatRequests().map((r) => JSON.stringify(r.body));
    assert(sent.some((b) => b.includes('i <= items.length')), 'the review saw the sample\'s uncommitted change');
    await screenshot(t.page, 'npm-start');

    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    assert(!fs.existsSync(workspace), 'stopping npm start removes the sample workspace');
  },
};
