import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { writeFilesAtomically } from '../../../src/cli/atomicWriter';
import { decodeText, encodeText } from '../../../src/cli/fileEncoding';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

describe('writeFilesAtomically', () => {
  it('writes every file, keeps permissions, creates folders, and leaves no temporary files', async () => {
    const dir = makeTempDir('writer');
    const script = path.join(dir, 'run.sh');
    fs.writeFileSync(script, 'old\n');
    fs.chmodSync(script, 0o750);
    await writeFilesAtomically([
      { path: script, content: Buffer.from('new\n') },
      { path: path.join(dir, 'a', 'b', 'c.txt'), content: Buffer.from('c\n') },
    ]);
    assert.equal(fs.readFileSync(script, 'utf8'), 'new\n');
    assert.equal(fs.statSync(script).mode & 0o777, 0o750);
    assert.equal(fs.readFileSync(path.join(dir, 'a', 'b', 'c.txt'), 'utf8'), 'c\n');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a', 'run.sh']);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const dir = makeTempDir('writer-link');
    fs.writeFileSync(path.join(dir, 'real.txt'), 'old\n');
    fs.symlinkSync(path.join(dir, 'real.txt'), path.join(dir, 'link.txt'));
    await writeFilesAtomically([{ path: path.join(dir, 'link.txt'), content: Buffer.from('new\n') }]);
    assert.ok(fs.lstatSync(path.join(dir, 'link.txt')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real.txt'), 'utf8'), 'new\n');
  });

  it('writes nothing when one file cannot be written, removing folders it made', async () => {
    const dir = makeTempDir('writer-fail');
    fs.writeFileSync(path.join(dir, 'ok.txt'), 'old\n');
    fs.writeFileSync(path.join(dir, 'blocker'), 'a file where a folder is needed\n');
    await assert.rejects(
      writeFilesAtomically([
        { path: path.join(dir, 'ok.txt'), content: Buffer.from('new\n') },
        { path: path.join(dir, 'fresh', 'x.txt'), content: Buffer.from('x\n') },
        { path: path.join(dir, 'blocker', 'y.txt'), content: Buffer.from('y\n') },
      ]),
    );
    assert.equal(fs.readFileSync(path.join(dir, 'ok.txt'), 'utf8'), 'old\n');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['blocker', 'ok.txt']);
  });
});

describe('fileEncoding', () => {
  it('round-trips UTF-8 with and without a BOM, UTF-16 and Latin-1 byte for byte', () => {
    const samples = [
      Buffer.from('plain ascii\n'),
      Buffer.from('\uFEFFbom \u00e9\n', 'utf8'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('utf16 \u00e9\n', 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('be \u00e9\n', 'utf16le').swap16()]),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    ];
    const encodings = samples.map((b) => decodeText(b).encoding);
    assert.deepEqual(encodings, ['utf8', 'utf8', 'utf16le', 'utf16be', 'latin1']);
    for (const b of samples) {
      const { text, encoding } = decodeText(b);
      assert.deepEqual(encodeText(text, encoding), b);
    }
    assert.equal(decodeText(samples[1]).text.startsWith('\uFEFF'), true);
  });

  it('refuses to write a character Latin-1 cannot hold', () => {
    assert.throws(() => encodeText('snowman \u2603', 'latin1'), /Latin-1/);
  });
});
