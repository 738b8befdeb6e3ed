import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

const originalText = 'export const a = 1;\r\n';

function setup() {
  const dir = makeTempDir('journal-concurrency');
  const file = path.join(dir, 'a.ts');
  fs.writeFileSync(file, originalText);
  return { dir, file, folder: path.join(dir, 'journal'), original: fs.readFileSync(file) };
}

const liveEntries = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.endsWith('.json')) : []);

describe('mutation journal: a file changed during a run', () => {
  it('a restore after the user saved the file keeps the user\'s version, saves the original and reports the conflict', async () => {
    const { file, folder, original } = setup();
    const restore = await new MutationJournal(folder).mutate(file, original, 'export const a = 0;\n');
    fs.writeFileSync(file, 'export const a = 42; // saved by the user during the run\n');
    const err = await rejectsWithReason(restore(), 'fileConflict', /a\.ts changed while tests ran; your version was kept, the original is saved at /);
    assert.equal(fs.readFileSync(file, 'utf8'), 'export const a = 42; // saved by the user during the run\n');
    const saved = /saved at (.+)\.$/.exec(err.message)![1];
    assert.ok(fs.readFileSync(saved).equals(original), 'the original bytes are recoverable');
    assert.ok(saved.startsWith(folder + path.sep));
    assert.deepEqual(liveEntries(folder), [], 'no live entry: recovery will not touch the file');
    assert.equal(fs.readdirSync(folder).filter((n) => n.endsWith('.json.conflict')).length, 1, 'the conflict is recorded');
    // The file is free again: the next run works on the user's version.
    const next = await new MutationJournal(folder).mutate(file, fs.readFileSync(file), 'x\n');
    await next();
    assert.match(fs.readFileSync(file, 'utf8'), /saved by the user/);
  });

  it('a mutant is not written over a file that changed since the run read it', async () => {
    const { file, folder, original } = setup();
    fs.writeFileSync(file, 'edited before the mutant\n');
    await rejectsWithReason(new MutationJournal(folder).mutate(file, original, 'mutant\n'), 'editNotApplied', /changed since this run read it/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'edited before the mutant\n');
    assert.deepEqual(liveEntries(folder), []);
  });

  it('a temporary file the user edited during the run is kept and reported', async () => {
    const { dir, folder } = setup();
    const temp = path.join(dir, 'new.test.ts');
    const remove = await new MutationJournal(folder).createTemporary(temp, 'generated\n');
    fs.writeFileSync(temp, 'the user kept working on it\n');
    await rejectsWithReason(remove(), 'fileConflict', /new\.test\.ts, a temporary file of this run, changed while tests ran; your version was kept/);
    assert.equal(fs.readFileSync(temp, 'utf8'), 'the user kept working on it\n');
  });
});

describe('mutation journal: two runs on one file', () => {
  it('a second run waits for the first to give the file back; both end with the original and no entry', async () => {
    const { file, folder, original } = setup();
    const journal = new MutationJournal(folder);
    const restoreA = await journal.mutate(file, original, 'mutant A\n');
    let waited = false;
    let bWrote = false;
    const b = new MutationJournal(folder).mutate(file, original, 'mutant B\n', { onWait: () => (waited = true) }).then((restore) => {
      bWrote = true;
      return restore;
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(waited && !bWrote, 'B waits while A has its mutant in the file');
    assert.equal(fs.readFileSync(file, 'utf8'), 'mutant A\n');
    await restoreA();
    const restoreB = await b;
    assert.equal(fs.readFileSync(file, 'utf8'), 'mutant B\n');
    await restoreB();
    assert.ok(fs.readFileSync(file).equals(original));
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('a run that read the other run\'s content as the original is refused once the file is given back', async () => {
    // The audited sequence: verify applies its edit; the tests skill reads the edited file as its original.
    const { file, folder, original } = setup();
    const restoreVerify = await new MutationJournal(folder).mutate(file, original, 'export const a = 2; // the fix\n');
    const readByTests = fs.readFileSync(file);
    const tests = rejectsWithReason(new MutationJournal(folder).mutate(file, readByTests, 'export const a = 3; // a mutant of the fix\n'), 'editNotApplied', /changed since this run read it/);
    await restoreVerify();
    await tests;
    assert.ok(fs.readFileSync(file).equals(original), 'no mutant and no edit left in the file');
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('the wait is bounded: a run still holding the file makes the other fail with a clear error', async () => {
    const { file, folder, original } = setup();
    const restore = await new MutationJournal(folder).mutate(file, original, 'mutant\n');
    await rejectsWithReason(new MutationJournal(folder, { lockWaitMs: 30 }).mutate(file, original, 'other\n'), 'fileConflict', /a\.ts is being used by another run \(waited 1 s\)/);
    await rejectsWithReason(new MutationJournal(folder).createTemporary(file, 'x'), 'fileConflict', /being used by another run/);
    const abort = new AbortController();
    const cancelled = new MutationJournal(folder).mutate(file, original, 'other\n', { signal: abort.signal });
    abort.abort();
    await rejectsWithReason(cancelled, 'cancelled');
    assert.equal(fs.readFileSync(file, 'utf8'), 'mutant\n');
    await restore();
    assert.ok(fs.readFileSync(file).equals(original));
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('two entries for one file left by a crash both survive and unwind newest first', async () => {
    const { file, folder, original } = setup();
    const journal = new MutationJournal(folder);
    const keep = async (content: string, mutant: string) => {
      const restore = await journal.mutate(file, Buffer.from(content), mutant);
      const name = liveEntries(folder)[0];
      const entry = { name, json: { ...JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')), pid: 2 ** 22 + 9 } };
      await restore();
      return entry;
    };
    // An outer run put M1 in; a run in another process read M1 as the original and put M2 in; both died.
    const outer = await keep(originalText, 'M1\n');
    fs.writeFileSync(file, 'M1\n');
    const inner = await keep('M1\n', 'M2\n');
    assert.notEqual(outer.name, inner.name, 'entries are per run, not per path');
    fs.writeFileSync(file, 'M2\n');
    for (const e of [outer, inner]) fs.writeFileSync(path.join(folder, e.name), JSON.stringify(e.json));
    const recovered = await new MutationJournal(folder).recover();
    assert.deepEqual(recovered, [{ file, action: 'restored' }, { file, action: 'restored' }]);
    assert.ok(fs.readFileSync(file).equals(original));
    assert.deepEqual(fs.readdirSync(folder), []);
  });
});

describe('mutation journal: temporary files', () => {
  it('removing a temporary file removes the folders created for it, and only those', async () => {
    const { dir, folder } = setup();
    const journal = new MutationJournal(folder);
    fs.mkdirSync(path.join(dir, 'test'));
    const temp = path.join(dir, 'test', 'generated', 'deep', 'a.test.ts');
    const remove = await journal.createTemporary(temp, 'test');
    await remove();
    assert.equal(fs.existsSync(path.join(dir, 'test', 'generated')), false);
    assert.ok(fs.existsSync(path.join(dir, 'test')), 'a folder that was there before stays');

    const again = await journal.createTemporary(temp, 'test');
    fs.writeFileSync(path.join(dir, 'test', 'generated', 'user.ts'), 'the user put this here');
    await again();
    assert.equal(fs.existsSync(path.join(dir, 'test', 'generated', 'deep')), false);
    assert.ok(fs.existsSync(path.join(dir, 'test', 'generated', 'user.ts')), 'a folder holding something else stays');
  });

  it('recovery after a crash removes the folders created for a temporary file', async () => {
    const { dir, folder } = setup();
    const temp = path.join(dir, 'spec', 'unit', 'a.test.ts');
    await new MutationJournal(folder).createTemporary(temp, 'test');
    const entry = path.join(folder, liveEntries(folder)[0]);
    fs.writeFileSync(entry, JSON.stringify({ ...JSON.parse(fs.readFileSync(entry, 'utf8')), pid: 2 ** 22 + 7 }));
    assert.deepEqual(await new MutationJournal(folder).recover(), [{ file: temp, action: 'restored' }]);
    assert.equal(fs.existsSync(path.join(dir, 'spec')), false);
  });

  it('a failure says why: a parent that is a file, a journal that cannot be written', async () => {
    const { dir, file, folder } = setup();
    const underFile = path.join(file, 'x', 'a.test.ts');
    const notDir = await rejectsWithReason(new MutationJournal(folder).createTemporary(underFile, 'test'), 'usage', /ENOTDIR/);
    assert.doesNotMatch(notDir.message, /already exists/);
    assert.match(notDir.message, /^Cannot create .*a\.ts.x.a\.test\.ts: ENOTDIR/);

    const blocked = path.join(dir, 'journal-is-a-file');
    fs.writeFileSync(blocked, '');
    const temp = path.join(dir, 'made', 'a.test.ts');
    await rejectsWithReason(new MutationJournal(blocked).createTemporary(temp, 'test'), 'configuration', /Cannot write the mutation journal in .*journal-is-a-file \((EEXIST|ENOTDIR)/);
    assert.equal(fs.existsSync(path.join(dir, 'made')), false, 'nothing is left behind');
    await rejectsWithReason(new MutationJournal(folder).createTemporary(file, 'x'), 'usage', /already exists/);
  });
});
