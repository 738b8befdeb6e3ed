// The parse guard is skipped, and says so, for files above the index's size limit, and a parser
// failure becomes a note on the file instead of an exception that ends the command.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultMaxFileBytes } from '../../../src/core/code/codeIndex';
import { TreeSitterLoader } from '../../../src/core/code/treeSitterLoader';
import { formatEditReport } from '../../../src/core/edits/editReport';
import { treeSitterParseChecker } from '../../../src/core/edits/parseGuard';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { applyReply, disposeChecker, fileResult, realChecker, srReply } from './editSupport';

before(ensureDistCli, { timeout: 120_000 });
after(() => {
  disposeChecker();
  removeTempDirs();
});

const head = 'export function add(a, b) {\n  return a + b;\n}\n';
const breaking = srReply('m.js', '  return a + b;\n', '  return a + ;\n');

/** A JavaScript file of at least `size` bytes that parses. */
function jsOfSize(size: number): string {
  const line = 'export const filler = [1, 2, 3];\n';
  return head + line.repeat(Math.ceil(size / line.length));
}

describe('parse guard size limit', () => {
  it('under the limit a syntax-breaking edit is rejected; over it, it applies with a note saying it was not checked', async () => {
    const text = jsOfSize(2000);
    const under = await applyReply(breaking, { 'm.js': text }, { checker: realChecker(), parseGuardMaxBytes: 100_000 });
    assert.ok(fileResult(under, 'm.js').rejected);
    const over = await applyReply(breaking, { 'm.js': text }, { checker: realChecker(), parseGuardMaxBytes: 1000 });
    const f = fileResult(over, 'm.js');
    assert.equal(f.rejected, undefined);
    assert.equal(f.parseErrorsAfter, undefined);
    assert.equal(over.ok, true);
    assert.match(f.notSyntaxChecked ?? '', /^not syntax-checked: m\.js is 2 KiB, larger than the 1000 bytes the parse guard parses \(the index's size limit\)$/);
    assert.match(formatEditReport(over), /^NOTE     not syntax-checked: m\.js is 2 KiB/m);
  });

  it("defaults to the index's size limit", async () => {
    const text = jsOfSize(defaultMaxFileBytes + 1);
    const started = Date.now();
    const result = await applyReply(breaking, { 'm.js': text }, { checker: realChecker() });
    assert.match(fileResult(result, 'm.js').notSyntaxChecked ?? '', /larger than the 1 MiB the parse guard parses/);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  it('a parser that fails (its grammar cannot load) leaves a note, not an exception', async () => {
    const broken = new TreeSitterLoader((name) => path.join(makeTempDir('no-grammars'), name));
    try {
      const result = await applyReply(breaking, { 'm.js': head }, { checker: treeSitterParseChecker(broken) });
      const f = fileResult(result, 'm.js');
      assert.equal(f.applied, 1);
      assert.equal(f.rejected, undefined);
      assert.match(f.notSyntaxChecked ?? '', /^not syntax-checked: the parser failed on m\.js \(.+\)$/);
    } finally {
      broken.dispose();
    }
  });

  it('atomic-skills apply on a 3 MB .js: applied and written, with the note, in seconds', { timeout: 60_000 }, async () => {
    const root = makeTempDir('big-apply');
    fs.writeFileSync(path.join(root, 'm.js'), jsOfSize(3_000_000));
    const plan = path.join(makeTempDir('plan'), 'plan.txt');
    fs.writeFileSync(plan, srReply('m.js', '  return a + b;\n', '  return a - b;\n'));
    const started = Date.now();
    const run = await runProcess(process.execPath, [distCli, 'apply', '--repo', root, '--plan', plan], { env: cleanEnv(), timeoutMs: 50_000 });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /^NOTE     not syntax-checked: m\.js is 2\.9 MiB, larger than the 1 MiB the parse guard parses/m);
    assert.match(run.stdout, /Wrote m\.js\./);
    assert.ok(fs.readFileSync(path.join(root, 'm.js'), 'utf8').startsWith('export function add(a, b) {\n  return a - b;\n'));
    assert.ok(Date.now() - started < 30_000, `${Date.now() - started} ms`);
  });
});
