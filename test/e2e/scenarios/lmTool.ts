// The language-model tool, invoked by another extension (the test-only tool caller) like an agent
// would: vscode.lm.invokeTool('atomicSkills_reviewChanges', {scope: 'uncommitted'}).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { BUG_FILE, assertDiffSent, setUpReview } from '../support/reviewFixture';
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

export const lmTool: Scenario = {
  name: 'lm-tool',
  async run(t) {
    const { repo, line, model, settings } = await setUpReview(t);
    const testDir = path.join(repo.dir, '.atomic-test');
    fs.mkdirSync(testDir);
    fs.appendFileSync(path.join(repo.dir, '.git', 'info', 'exclude'), '.atomic-test/\n'); // not part of the reviewed changes
    fs.writeFileSync(path.join(testDir, 'tool-request.json'), JSON.stringify({ name: 'atomicSkills_reviewChanges', input: { scope: 'uncommitted' } }));
    const resultFile = path.join(testDir, 'tool-result.json');

    await openVsCode(t, { folder: repo.dir, settings, extraVsixes: [toolCallerVsix()] });
    await runCommand(t.page, 'Atomic Skills Test: Invoke Tool');
    const result = await waitFor('tool-result.json', () => (fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ToolResultFile) : undefined), { timeoutMs: 120_000 });
    await screenshot(t.page, 'lm-tool');
    assert(result.ok, `invokeTool succeeded (error: ${result.error})`);
    assert(result.parts && result.parts.length > 0, 'the tool result has a text part');
    t.log(`tool result part 1: ${result.parts[0].slice(0, 300)}`);
    const review = JSON.parse(result.parts[0]) as { judgment?: string; findings?: { file?: string; line?: number }[] };
    assertEqual(review.judgment, 'NO', 'judgment');
    assertEqual(review.findings?.[0]?.file, BUG_FILE, 'findings[0].file');
    assertEqual(review.findings?.[0]?.line, line, 'findings[0].line');
    assertDiffSent(model);
  },
};
