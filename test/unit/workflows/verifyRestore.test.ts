import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { runProcess } from '../../../src/core/run/runProcess';
import type { EditResult } from '../../../src/core/skills/edit/editTypes';
import type { ReproductionResult } from '../../../src/core/skills/reproduce/reproduceTypes';
import { runVerify } from '../../../src/core/skills/verify/verifyPatch';
import { overlayWorks } from '../../../src/core/run/overlayLayer';
import { hostileProject, hostileScript, patchedMath, treeBytes, withIsolation } from '../helpers/hostileWorkspace';
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

describe('verify never writes the proposed change into the workspace', () => {
  it('each run sees the fix in its view while the real files keep their bytes; a file the user saves meanwhile is theirs', async () => {
    const { root, edit, reproduction, originals } = project();
    const ctx = runningContext(root, 'http://127.0.0.1:9');
    const during: string[] = [];
    ctx.run = async (request) => {
      const result = await runProcess(request);
      for (const n of names) if (!fs.readFileSync(path.join(root, n)).equals(originals.get(n)!)) during.push(n);
      if (fs.existsSync(path.join(root, 'repro.js'))) during.push('repro.js');
      // The user saves c.js while the reproduction runs against the fix.
      fs.writeFileSync(path.join(root, 'c.js'), 'module.exports = 3; // the user\'s own change\n');
      return result;
    };
    const result = await withIsolation(undefined, () => runVerify({ edit, reproduction }, ctx));
    assert.equal(result.passed, true, JSON.stringify(result));
    assert.deepEqual(during, [], 'while the fix was checked, the workspace held its own files');
    assert.ok(['overlay', 'copy'].includes(result.runs[0].isolation!.mode), JSON.stringify(result.runs[0].isolation));
    for (const n of ['a.js', 'b.js']) assert.ok(fs.readFileSync(path.join(root, n)).equals(originals.get(n)!), `${n} is as it was`);
    assert.equal(fs.readFileSync(path.join(root, 'c.js'), 'utf8'), 'module.exports = 3; // the user\'s own change\n');
    assert.equal(fs.existsSync(path.join(root, 'repro.js')), false);
  });

  it('snapshot mode: waits for another run using one of the files, then checks the fix against the original', async () => {
    const { root, edit, reproduction, originals, journal } = project();
    const progress: string[] = [];
    const ctx = { ...runningContext(root, 'http://127.0.0.1:9'), progress: (m: string) => progress.push(m) };
    // Mutation testing (another journal instance, same process) has a mutant in b.js.
    const restoreMutant = await new MutationJournal(journal).mutate(path.join(root, 'b.js'), originals.get('b.js')!, 'module.exports = -2;\n');
    const verify = withIsolation('snapshot', () => runVerify({ edit, reproduction }, ctx));
    for (let i = 0; i < 100 && !progress.some((m) => m.includes('Waiting for another run to finish with b.js')); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(progress.some((m) => m.includes('Waiting for another run to finish with b.js')), progress.join('\n'));
    assert.equal(fs.readFileSync(path.join(root, 'b.js'), 'utf8'), 'module.exports = -2;\n', 'the mutant is not overwritten');
    await restoreMutant();
    const result = await verify;
    assert.equal(result.passed, true, JSON.stringify(result));
    assert.equal(result.runs[0].isolation?.mode, 'snapshot');
    for (const n of names) assert.ok(fs.readFileSync(path.join(root, n)).equals(originals.get(n)!), `${n} is restored`);
    assert.deepEqual(fs.readdirSync(journal), []);
  });

  it('snapshot mode: a change made during the run is undone and reported, the changed version kept aside', async () => {
    const { root, edit, reproduction, originals } = project();
    const ctx = runningContext(root, 'http://127.0.0.1:9');
    ctx.run = async (request) => {
      const result = await runProcess(request);
      fs.writeFileSync(path.join(root, 'c.js'), 'module.exports = 3; // changed during the run\n');
      return result;
    };
    const result = await withIsolation('snapshot', () => runVerify({ edit, reproduction }, ctx));
    const isolation = result.runs[0].isolation!;
    assert.deepEqual([isolation.mode, isolation.restored], ['snapshot', ['c.js']]);
    for (const n of names) assert.ok(fs.readFileSync(path.join(root, n)).equals(originals.get(n)!), `${n} is restored`);
    assert.equal(fs.readFileSync(path.join(isolation.savedAt!, 'c.js'), 'utf8'), 'module.exports = 3; // changed during the run\n');
    fs.rmSync(isolation.savedAt!, { recursive: true, force: true });
  });

  for (const mode of ['overlay', 'copy', 'snapshot'] as const) {
    it(`${mode}: a hostile reproduction that passes on the fix leaves the workspace byte-identical`, async (t) => {
      const root = hostileProject(`verify-${mode}`);
      if (mode === 'overlay' && !(await overlayWorks(root))) return t.skip('no overlay in a user namespace here');
      const before = treeBytes(root);
      const math = fs.readFileSync(path.join(root, 'src/math.js'), 'utf8');
      const fixed = patchedMath(math);
      const hostileEdit: EditResult = { ...project().edit, files: [{ path: 'src/math.js', change: 'modify', before: math, after: fixed, diff: '', applied: 1, failed: 0 }] };
      const script = hostileScript("require('node:assert').strictEqual(require('./src/math').subtract(5, 3), 2);");
      const hostile: ReproductionResult = { ...project().reproduction, script: { path: 'repro.js', content: script }, command: ['node', 'repro.js'] };
      const result = await withIsolation(mode, () => runVerify({ edit: hostileEdit, reproduction: hostile }, runningContext(root, 'http://127.0.0.1:9')));
      const repro = result.runs[0];
      assert.equal(repro.passed, true, repro.output);
      assert.match(repro.output, /^math= {2}return a - b; \/\/ patched in the view$/m, 'the reproduction saw the fix');
      assert.equal(repro.isolation?.mode, mode);
      if (repro.isolation?.savedAt) fs.rmSync(repro.isolation.savedAt, { recursive: true, force: true });
      const now = treeBytes(root);
      assert.deepEqual([...now.keys()].sort(), [...before.keys()].sort());
      for (const [rel, bytes] of before) assert.equal(now.get(rel), bytes, `${rel} is byte-identical`);
    });
  }

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
