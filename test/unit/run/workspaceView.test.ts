import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { overlayWorks } from '../../../src/core/run/overlayLayer';
import { runProcess } from '../../../src/core/run/runProcess';
import type { IsolationMode, RunRequest } from '../../../src/core/run/runTypes';
import { bubblewrap } from '../../../src/core/run/sandbox';
import { describeIsolation, runInView } from '../../../src/core/run/workspaceView';
import { rejectsWithReason } from '../helpers/assertions';
import { hostileProject, hostileScript, patchedMath, treeBytes, withIsolation } from '../helpers/hostileWorkspace';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

const saved: string[] = [];
after(() => {
  removeTempDirs();
  for (const dir of saved) fs.rmSync(dir, { recursive: true, force: true });
});

const linux = process.platform === 'linux';

async function attack(mode: IsolationMode, sandboxed: boolean, journal?: MutationJournal) {
  const root = hostileProject(`view-${mode}`);
  const before = treeBytes(root);
  const original = fs.readFileSync(path.join(root, 'src/math.js'));
  const patched = patchedMath(original.toString('utf8'));
  const request: RunRequest = { argv: [process.execPath, 'attack.js'], cwd: root, timeoutMs: 30_000, maxOutputBytes: 100_000, ...(sandboxed ? { sandbox: { writable: [root] } } : {}) };
  const result = await withIsolation(mode, () =>
    runInView(runProcess, request, {
      root,
      journal,
      files: [
        { path: 'attack.js', content: hostileScript(), create: true },
        { path: 'src/math.js', content: patched, expected: original },
      ],
    }),
  );
  if (result.isolation?.savedAt) saved.push(result.isolation.savedAt);
  return { root, before, result };
}

function assertUntouched(root: string, before: Map<string, string>) {
  const now = treeBytes(root);
  assert.deepEqual([...now.keys()].sort(), [...before.keys()].sort(), 'the same files and folders');
  for (const [rel, bytes] of before) assert.equal(now.get(rel), bytes, `${rel} is byte-identical`);
}

function assertSawTheView(output: string) {
  assert.match(output, /^dep=\[ok\]$/m, 'node_modules resolves in the view');
  assert.match(output, /^math= {2}return a - b; \/\/ patched in the view$/m, 'the run sees the changed file');
}

describe('runInView: model-written code cannot change the workspace', () => {
  it('overlay: same paths, the change visible, every write gone afterwards (sandboxed and not)', { skip: !linux }, async (t) => {
    if (!(await overlayWorks(makeTempDir('probe')))) return t.skip('no overlay in a user namespace here');
    for (const sandboxed of [false, true]) {
      const { root, before, result } = await attack('overlay', sandboxed);
      assert.equal(result.isolation?.mode, 'overlay');
      assert.equal(result.exitCode, 1, result.output);
      assert.match(result.output, new RegExp(`^cwd=${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), 'the run is in the workspace\'s own path');
      assert.doesNotMatch(result.output, /blocked E(ROFS|ACCES|PERM)/, 'every write succeeded inside the view');
      assertSawTheView(result.output);
      assertUntouched(root, before);
      assert.equal(result.sandboxed, sandboxed && Boolean(await bubblewrap()));
      assert.match(describeIsolation(result.isolation), /overlay.*nothing it wrote was kept/);
    }
  });

  it('copy, sandboxed: the same relative paths; writes through the real path are refused', async (t) => {
    if (!(await bubblewrap())) return t.skip('bubblewrap is not available');
    const { root, before, result } = await attack('copy', true);
    assert.equal(result.isolation?.mode, 'copy');
    assert.equal(result.isolation?.guarded, undefined);
    const cwd = /^cwd=(.*)$/m.exec(result.output)![1];
    assert.notEqual(cwd, root);
    assert.equal(path.basename(cwd), path.basename(root), 'the copy has the workspace\'s name');
    assert.match(result.output, /blocked (EROFS|ENOENT)/, 'the real workspace is read-only, or not in view at all');
    assert.equal(result.cwd, root, 'the result names the workspace, not the copy');
    assertSawTheView(result.output);
    assertUntouched(root, before);
    assert.equal(fs.existsSync(cwd), false, 'the copy is removed');
  });

  it('copy, not sandboxed: writes through the real path are found and put back, and the result says so', async () => {
    const { root, before, result } = await attack('copy', false);
    assert.equal(result.isolation?.mode, 'copy');
    assert.equal(result.isolation?.guarded, true);
    assert.doesNotMatch(result.output, /blocked E(ROFS|ACCES|PERM)/);
    assertSawTheView(result.output);
    assertUntouched(root, before);
    assert.deepEqual(result.isolation?.restored, ['.env', '.envrc', 'README.md', 'notes.txt', 'package.json', 'planted', 'src/backdoor.js', 'src/math.js']);
    assert.match(describeIsolation(result.isolation), /Not sandboxed.*It changed .*src\/math\.js; each was put back \(the run's versions are in /);
    assert.match(fs.readFileSync(path.join(result.isolation!.savedAt!, 'src/math.js'), 'utf8'), /curl evil/, 'the run\'s version is kept aside, not destroyed');
  });

  it('snapshot: the run is in the workspace itself; every change is undone, the changed file through the journal', async () => {
    const journal = new MutationJournal(makeTempDir('view-journal'));
    for (const sandboxed of [false, true]) {
      const { root, before, result } = await attack('snapshot', sandboxed, journal);
      assert.equal(result.isolation?.mode, 'snapshot');
      assert.match(result.output, new RegExp(`^cwd=${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      assertSawTheView(result.output);
      assertUntouched(root, before);
      // The given files (the script, the patch) go quietly; src/math.js is listed because the script changed it after the patch.
      assert.deepEqual(result.isolation?.restored, ['.env', '.envrc', 'README.md', 'notes.txt', 'package.json', 'planted', 'src/backdoor.js', 'src/math.js']);
      assert.deepEqual(fs.readdirSync(journal.folder).filter((n) => n.endsWith('.json')), [], 'no journal entry left');
    }
  });

  it('a new file that exists, or a changed file that no longer holds what the change was made from, is refused before anything runs', async () => {
    const root = hostileProject('view-refuse');
    let ran = 0;
    const run = async (r: RunRequest) => (ran++, runProcess(r));
    const request: RunRequest = { argv: [process.execPath, '-e', '1'], cwd: root, timeoutMs: 10_000, maxOutputBytes: 1000 };
    await rejectsWithReason(runInView(run, request, { root, files: [{ path: 'README.md', content: 'x', create: true }] }), 'usage', /README\.md already exists/);
    await rejectsWithReason(runInView(run, request, { root, files: [{ path: 'src/math.js', content: 'x', expected: Buffer.from('other') }] }), 'editNotApplied', /changed since this run read it/);
    await rejectsWithReason(runInView(run, request, { root, files: [{ path: '../outside.js', content: 'x', create: true }] }), 'outsideWorkspace', /not inside the workspace/);
    assert.equal(ran, 0);
  });

  it('an unknown ATOMIC_SKILLS_ISOLATION is a configuration error naming the modes', async () => {
    const root = hostileProject('view-bad-mode');
    await withIsolation('tmpfs', () =>
      rejectsWithReason(runInView(runProcess, { argv: [process.execPath, '-e', '1'], cwd: root, timeoutMs: 10_000, maxOutputBytes: 1000 }, { root }), 'configuration', /ATOMIC_SKILLS_ISOLATION is "tmpfs"; use one of overlay, copy, snapshot/),
    );
  });
});
