import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { runProcess } from '../../../src/core/run/runProcess';
import type { EditResult } from '../../../src/core/skills/edit/editTypes';
import type { ReproductionResult } from '../../../src/core/skills/reproduce/reproduceTypes';
import { runVerify } from '../../../src/core/skills/verify/verifyPatch';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { runningContext } from '../helpers/runningContext';

after(removeTempDirs);

const names = ['a.js', 'b.js', 'c.js'];

/** Three modules exporting 1, 2 and 3; the fix makes each export 10, and the reproduction checks the sum is 30. */
function project() {
  const root = path.join(makeTempDir('verify-restore'), 'repo');
  fs.mkdirSync(root);
  names.forEach((n, i) => fs.writeFileSync(path.join(root, n), `module.exports = ${i + 1};\r\n`));
  const edit: EditResult = {
    ok: true,
    files: names.map((n, i) => ({ path: n, change: 'modify', before: `module.exports = ${i + 1};\r\n`, after: 'module.exports = 10;\n', diff: '', applied: 1, failed: 0 })),
    blocks: [],
    repairTurns: 0,
    problems: [],
    report: '',
    parseGuard: false,
    usage: { promptTokens: 0, completionTokens: 0 },
  };
  const reproduction: ReproductionResult = {
    reproduced: true,
    script: { path: 'repro.js', content: "require('node:assert').strictEqual(require('./a') + require('./b') + require('./c'), 30);\n" },
    command: ['node', 'repro.js'],
    runs: [],
    usage: { promptTokens: 0, completionTokens: 0 },
  };
  const originals = new Map(names.map((n) => [n, fs.readFileSync(path.join(root, n))]));
  return { root, edit, reproduction, originals, journal: path.join(root, '..', 'journal') };
}

describe('verify puts the workspace back', () => {
  it('restores every file even when one restore fails, and reports the one it could not', async () => {
    const { root, edit, reproduction, originals, journal } = project();
    const ctx = runningContext(root, 'http://127.0.0.1:9');
    ctx.run = async (request) => {
      const result = await runProcess(request);
      // The user saves c.js while the reproduction runs against the fix.
      fs.writeFileSync(path.join(root, 'c.js'), 'module.exports = 3; // the user\'s own change\n');
      return result;
    };
    // c.js is applied last, so its restore runs first: a and b are restored after the failure.
    const err = await rejectsWithReason(runVerify({ edit, reproduction }, ctx), 'fileConflict', /Verify could not put every file back as it was: .*c\.js changed while tests ran; your version was kept, the original is saved at /);
    for (const n of ['a.js', 'b.js']) assert.ok(fs.readFileSync(path.join(root, n)).equals(originals.get(n)!), `${n} is restored`);
    assert.equal(fs.readFileSync(path.join(root, 'c.js'), 'utf8'), 'module.exports = 3; // the user\'s own change\n');
    assert.equal(fs.existsSync(path.join(root, 'repro.js')), false);
    const saved = /saved at (\S+?)\.( |$)/.exec(err.message)![1];
    assert.ok(fs.readFileSync(saved).equals(originals.get('c.js')!));
    assert.deepEqual(fs.readdirSync(journal).filter((n) => n.endsWith('.json')), [], 'no entry left for recovery to act on');
  });

  it('waits for another run using one of the files, then checks the fix against the original', async () => {
    const { root, edit, reproduction, originals, journal } = project();
    const progress: string[] = [];
    const ctx = { ...runningContext(root, 'http://127.0.0.1:9'), progress: (m: string) => progress.push(m) };
    // Mutation testing (another journal instance, same process) has a mutant in b.js.
    const restoreMutant = await new MutationJournal(journal).mutate(path.join(root, 'b.js'), originals.get('b.js')!, 'module.exports = -2;\n');
    const verify = runVerify({ edit, reproduction }, ctx);
    for (let i = 0; i < 100 && !progress.some((m) => m.includes('Waiting for another run to finish with b.js')); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(progress.some((m) => m.includes('Waiting for another run to finish with b.js')), progress.join('\n'));
    assert.equal(fs.readFileSync(path.join(root, 'b.js'), 'utf8'), 'module.exports = -2;\n', 'the mutant is not overwritten');
    await restoreMutant();
    const result = await verify;
    assert.equal(result.passed, true, JSON.stringify(result));
    for (const n of names) assert.ok(fs.readFileSync(path.join(root, n)).equals(originals.get(n)!), `${n} is restored`);
    assert.deepEqual(fs.readdirSync(journal), []);
  });

  it('writes nothing for a change to a path the user allowed only for the diff (through a symlink out, .git, .vscode), and says it was not verified', async () => {
    const { root, edit, reproduction } = project();
    const outside = makeTempDir('verify-outside');
    fs.symlinkSync(outside, path.join(root, 'vendor'));
    const ctx = runningContext(root, 'http://127.0.0.1:9');
    let ran = 0;
    ctx.run = async (request) => (ran++, runProcess(request));
    for (const unsafe of ['vendor/x.js', '.vscode/settings.json', '.git/config']) {
      const withUnsafe: EditResult = { ...edit, files: [...edit.files, { path: unsafe, change: 'create', after: 'x\n', diff: '', applied: 1, failed: 0 }] };
      const result = await runVerify({ edit: withUnsafe, reproduction }, ctx);
      assert.equal(result.passed, false);
      assert.match(result.failures.join('\n'), /^Not verified: verify only puts the change into plain workspace files/, unsafe);
    }
    assert.equal(ran, 0, 'nothing ran');
    assert.deepEqual(fs.readdirSync(outside), []);
    assert.equal(fs.readFileSync(path.join(root, 'a.js'), 'utf8'), 'module.exports = 1;\r\n', 'a.js was not touched either');
    assert.equal(fs.existsSync(path.join(root, '.vscode')), false);
  });
});
