import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

let outside: string;
let root: string;

before(() => {
  outside = makeTempDir('outside');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'TOP SECRET\n');
  root = makeTempDir('ws');
  fs.mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  fs.writeFileSync(path.join(root, 'src', 'deep', 'b.ts'), 'b\n');
  fs.writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(1000));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'leak.txt'));
  fs.symlinkSync(outside, path.join(root, 'leakdir'));
  fs.symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'alias.ts'));
  fs.symlinkSync(path.join(root, 'src'), path.join(root, 'srclink'));
});

describe('FsWorkspace.readText', () => {
  it('reads files by relative or absolute path inside the root', async () => {
    const ws = new FsWorkspace(root);
    assert.equal(await ws.readText('src/a.ts'), 'export const a = 1;\n');
    assert.equal(await ws.readText('./src\\deep\\b.ts'), 'b\n');
    assert.equal(await ws.readText(path.join(root, 'src', 'a.ts')), 'export const a = 1;\n');
  });

  it('follows symlinks that stay inside the root', async () => {
    const ws = new FsWorkspace(root);
    assert.equal(await ws.readText('alias.ts'), 'export const a = 1;\n');
    assert.equal(await ws.readText('srclink/deep/b.ts'), 'b\n');
  });

  it('refuses symlinks that leave the root, to a file or through a folder', async () => {
    const ws = new FsWorkspace(root);
    const err = await rejectsWithReason(ws.readText('leak.txt'), 'outsideWorkspace', /leak\.txt resolves outside the workspace/);
    assert.doesNotMatch(err.message, /TOP SECRET/);
    await rejectsWithReason(ws.readText('leakdir/secret.txt'), 'outsideWorkspace', /outside the workspace/);
  });

  it('refuses .. and absolute paths outside the root', async () => {
    const ws = new FsWorkspace(root);
    await rejectsWithReason(ws.readText(`../${path.basename(outside)}/secret.txt`), 'outsideWorkspace', /leaves the workspace/);
    await rejectsWithReason(ws.readText(path.join(outside, 'secret.txt')), 'outsideWorkspace', /outside the workspace/);
  });

  it('says when a file does not exist or is a folder', async () => {
    const ws = new FsWorkspace(root);
    await rejectsWithReason(ws.readText('src/missing.ts'), 'outsideWorkspace', /No such file or folder: src\/missing\.ts/);
    await rejectsWithReason(ws.readText('src'), 'outsideWorkspace', /src is a folder, not a file/);
  });

  it('refuses files over maxBytes and reads files at the limit', async () => {
    const ws = new FsWorkspace(root);
    await rejectsWithReason(ws.readText('big.txt', { maxBytes: 999 }), 'fileTooLarge', /big\.txt is 1000 bytes, over the 999-byte limit/);
    assert.equal((await ws.readText('big.txt', { maxBytes: 1000 })).length, 1000);
  });

  it('reports a root that does not exist when used, without crashing the process', async () => {
    const missing = path.join(makeTempDir('gone'), 'not-there');
    const ws = new FsWorkspace(missing);
    // Give an unhandled rejection the chance to surface before the workspace is used.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await rejectsWithReason(ws.readText('a.txt'), 'outsideWorkspace', /No such file or folder/);
  });
});

describe('FsWorkspace.list', () => {
  it('lists files and folders of a folder and of the root', async () => {
    const ws = new FsWorkspace(root);
    assert.deepEqual((await ws.list('src')).sort((a, b) => a.name.localeCompare(b.name)), [
      { name: 'a.ts', kind: 'file' },
      { name: 'deep', kind: 'directory' },
    ]);
    const top = await ws.list('');
    assert.deepEqual(top.filter((e) => e.name === 'src' || e.name === 'big.txt').sort((a, b) => a.name.localeCompare(b.name)), [
      { name: 'big.txt', kind: 'file' },
      { name: 'src', kind: 'directory' },
    ]);
  });

  it('refuses to list a folder outside the root, by .. or through a symlink', async () => {
    const ws = new FsWorkspace(root);
    await rejectsWithReason(ws.list('..'), 'outsideWorkspace');
    await rejectsWithReason(ws.list('leakdir'), 'outsideWorkspace', /outside the workspace/);
  });
});
