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
  fs.writeFileSync(path.join(root, 'latin1.txt'), Buffer.from('caf\u00e9\n', 'latin1'));
  fs.writeFileSync(path.join(root, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi\n', 'utf16le')]));
  fs.writeFileSync(path.join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  fs.writeFileSync(path.join(root, 'bom.txt'), Buffer.from('\ufeffcaf\u00e9\n', 'utf8'));
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
    await rejectsWithReason(ws.readText('src'), 'notRegularFile', /src is a folder, not a file/);
  });

  it('refuses files over maxBytes and reads files at the limit', async () => {
    const ws = new FsWorkspace(root);
    await rejectsWithReason(ws.readText('big.txt', { maxBytes: 999 }), 'fileTooLarge', /big\.txt is 1000 bytes, over the 999-byte limit/);
    assert.equal((await ws.readText('big.txt', { maxBytes: 1000 })).length, 1000);
  });

  it('refuses text that is not UTF-8 or binary instead of decoding it lossily', async () => {
    const ws = new FsWorkspace(root);
    await rejectsWithReason(ws.readText('latin1.txt'), 'notText', /^latin1\.txt is not UTF-8 text; Atomic Skills edits UTF-8 files only\.$/);
    await rejectsWithReason(ws.readText('utf16.txt'), 'notText', /utf16\.txt is a binary file/);
    await rejectsWithReason(ws.readText('image.png'), 'notText', /^image\.png is a binary file \(it holds NUL bytes\); Atomic Skills reads text files only\.$/);
  });

  it('keeps a UTF-8 byte-order mark, so the text encodes back to the same bytes', async () => {
    const text = await new FsWorkspace(root).readText('bom.txt');
    assert.equal(text, '\ufeffcaf\u00e9\n');
    assert.deepEqual(Buffer.from(text, 'utf8'), fs.readFileSync(path.join(root, 'bom.txt')));
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
