import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

function setup(content: Buffer | string = 'const a = 1;\r\nconst b = 2;\r\n') {
  const dir = makeTempDir('journal');
  const file = path.join(dir, 'a.js');
  fs.writeFileSync(file, content);
  return { file, folder: path.join(dir, 'journal'), original: fs.readFileSync(file) };
}

describe('mutation journal', () => {
  it('restores the original bytes exactly (BOM, CRLF) and leaves no entry behind', async () => {
    const { file, folder, original } = setup(Buffer.from('\uFEFFx = 1\r\n', 'utf8'));
    const restore = await new MutationJournal(folder).mutate(file, original, 'x = 2\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'x = 2\n');
    assert.equal(fs.readdirSync(folder).length, 1);
    await restore();
    assert.ok(fs.readFileSync(file).equals(original));
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('after a crash (no restore), the next start puts the original back', async () => {
    const { file, folder, original } = setup();
    await new MutationJournal(folder).mutate(file, original, 'const a = 0;\n');
    // A new process: the journal's pid is not alive any more.
    const entry = path.join(folder, fs.readdirSync(folder)[0]);
    fs.writeFileSync(entry, JSON.stringify({ ...JSON.parse(fs.readFileSync(entry, 'utf8')), pid: 2 ** 22 + 7 }));
    const recovered = await new MutationJournal(folder).recover();
    assert.deepEqual(recovered, [{ file, action: 'restored' }]);
    assert.ok(fs.readFileSync(file).equals(original));
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('never overwrites a file edited since the crash; keeps the entry for a human and saves the original', async () => {
    const { file, folder, original } = setup();
    await new MutationJournal(folder).mutate(file, original, 'mutant\n');
    const entry = path.join(folder, fs.readdirSync(folder)[0]);
    fs.writeFileSync(entry, JSON.stringify({ ...JSON.parse(fs.readFileSync(entry, 'utf8')), pid: 2 ** 22 + 7 }));
    fs.writeFileSync(file, 'the user typed this\n');
    const recovered = await new MutationJournal(folder).recover();
    const saved = recovered[0]?.saved ?? '';
    assert.deepEqual(recovered, [{ file, action: 'changedSinceKeptJournal', saved }]);
    assert.equal(fs.readFileSync(file, 'utf8'), 'the user typed this\n');
    assert.ok(fs.readFileSync(saved).equals(original));
    assert.ok(fs.readdirSync(folder).some((n) => n.endsWith('.json.conflict')));
  });

  it('leaves alone the entries of a run still going in another live process', async () => {
    const { file, folder, original } = setup();
    await new MutationJournal(folder).mutate(file, original, 'mutant\n');
    const entry = path.join(folder, fs.readdirSync(folder)[0]);
    fs.writeFileSync(entry, JSON.stringify({ ...JSON.parse(fs.readFileSync(entry, 'utf8')), pid: process.ppid }));
    assert.deepEqual(await new MutationJournal(folder).recover(), []);
    assert.equal(fs.readFileSync(file, 'utf8'), 'mutant\n');
  });

  it('a temporary file is deleted by its restore, or by recovery after a crash; it never replaces a file', async () => {
    const { file, folder } = setup();
    const journal = new MutationJournal(folder);
    const temp = path.join(path.dirname(file), 'generated', 'a.test.js');
    const remove = await journal.createTemporary(temp, 'test');
    assert.equal(fs.readFileSync(temp, 'utf8'), 'test');
    await remove();
    assert.equal(fs.existsSync(temp), false);
    await journal.createTemporary(temp, 'test');
    const entry = path.join(folder, fs.readdirSync(folder)[0]);
    fs.writeFileSync(entry, JSON.stringify({ ...JSON.parse(fs.readFileSync(entry, 'utf8')), pid: 2 ** 22 + 7 }));
    assert.deepEqual(await new MutationJournal(folder).recover(), [{ file: temp, action: 'restored' }]);
    assert.equal(fs.existsSync(temp), false);
    await assert.rejects(journal.createTemporary(file, 'x'), /already exists/);
  });
});
