// The index and its navigation never read through a symlink that leads out of the workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileSkeleton, fileSymbols, searchText } from '../../../src/core/code/codeNavigation';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { runNavigationTool } from '../../../src/core/skills/localize/navigationTools';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeIndexes, openIndex, writeTree } from './codeSupport';

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

const secret = 'OUTSIDE_SECRET_TOKEN';

/**
 * A workspace with src/app.ts, an inside symlink to it (lib/alias.ts), a symlink to a file
 * outside (notes.txt), a symlinked folder outside (docs/) and a symlinked folder inside that loops (loop/).
 */
function workspace(): { root: string; outside: string } {
  const outside = makeTempDir('outside');
  writeTree(outside, { 'id_rsa': `-----BEGIN KEY-----\n${secret} in id_rsa\n`, 'secret.txt': `${secret} in secret.txt\n` });
  const root = makeTempDir('ws');
  writeTree(root, { 'src/app.ts': 'export function greet(name: string): string {\n  return `hi ${name}`;\n}\n' });
  fs.mkdirSync(path.join(root, 'lib'));
  fs.symlinkSync('../src/app.ts', path.join(root, 'lib', 'alias.ts'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'notes.txt'));
  fs.symlinkSync(outside, path.join(root, 'docs'));
  fs.symlinkSync('.', path.join(root, 'loop'));
  return { root, outside };
}

function paths(index: { files(): Iterable<{ path: string }> }): string[] {
  return [...index.files()].map((r) => r.path).sort();
}

describe('code index and symlinks', () => {
  it('indexes a symlink to a file inside the workspace, not links leading out, and enters no symlinked folder', async () => {
    const { root } = workspace();
    const index = openIndex(root);
    await index.refresh();
    assert.deepEqual(paths(index), ['lib/alias.ts', 'src/app.ts']);
    assert.deepEqual((await fileSymbols(index, 'lib/alias.ts'))?.map((s) => s.name), ['greet']);
    assert.deepEqual(await searchText(index, secret), []);
  });

  it('navigation refuses the outside links: no skeleton, no symbols, and nothing gets indexed on the way', async () => {
    const { root } = workspace();
    const index = openIndex(root);
    await index.refresh();
    for (const rel of ['notes.txt', 'docs/id_rsa', 'docs/secret.txt']) {
      assert.equal(await fileSkeleton(index, rel), undefined, rel);
      assert.equal(await fileSymbols(index, rel), undefined, rel);
      assert.equal(index.file(rel), undefined, rel);
    }
    assert.deepEqual(await searchText(index, secret), []);
  });

  it('updateFiles does not index a path whose real file is outside', async () => {
    const { root } = workspace();
    const index = openIndex(root);
    await index.updateFiles(['notes.txt', 'docs/id_rsa', 'lib/alias.ts']);
    assert.deepEqual(paths(index), ['lib/alias.ts']);
    assert.deepEqual(await searchText(index, secret), []);
  });

  it('a file indexed, then swapped for a link leading out, is neither searched nor shown', async () => {
    const { root, outside } = workspace();
    writeTree(root, { 'src/data.txt': `${secret} was here once\n` });
    const index = openIndex(root);
    await index.refresh();
    assert.equal((await searchText(index, secret)).length, 1, 'indexed while it was a plain file');
    fs.rmSync(path.join(root, 'src', 'data.txt'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'src', 'data.txt'));
    assert.deepEqual(await searchText(index, secret), [], 'search reads nothing through the link, even before a refresh');
    assert.equal(await fileSkeleton(index, 'src/data.txt'), undefined);
    assert.equal(index.file('src/data.txt'), undefined, 'the stale record is dropped');
  });

  it("the model's navigation tools return none of the outside content", async () => {
    const { root } = workspace();
    const index = openIndex(root);
    await index.refresh();
    const ws = new FsWorkspace(root);
    const signal = new AbortController().signal;
    const call = (name: string, args: Record<string, unknown>) => runNavigationTool(index, ws, { id: name, name, arguments: args }, signal);
    const replies = [
      await call('file_skeleton', { path: 'notes.txt' }),
      await call('file_skeleton', { path: 'docs/id_rsa' }),
      await call('search_text', { text: 'BEGIN KEY' }),
      await call('search_text', { text: 'in secret.txt' }),
      await call('read_file', { path: 'notes.txt' }),
      await call('read_file', { path: 'docs/id_rsa', startLine: 1, endLine: 5 }),
    ];
    for (const reply of replies) assert.doesNotMatch(reply, new RegExp(secret), reply);
    assert.equal(replies[0], 'notes.txt is not an indexed source file.');
    assert.equal(replies[2], 'No match for "BEGIN KEY".');
    assert.match(await call('file_skeleton', { path: 'lib/alias.ts' }), /export function greet/);
  });
});
