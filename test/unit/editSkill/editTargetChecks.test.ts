// Targets the edit skill must refuse before any model call: binary, not UTF-8, over the size setting.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { settingsFrom } from '../../../src/core/config';
import { runEdit } from '../../../src/core/skills/edit';
import { rejectsWithReason } from '../helpers/assertions';
import { removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { editContext, makeProject, srReply } from './editSkillSupport';

after(async () => {
  await closeServers();
  removeTempDirs();
});

async function projectWith(name: string, bytes: Buffer) {
  const dir = makeProject();
  fs.writeFileSync(path.join(dir, 'src', name), bytes);
  const server = await startServer({ fallback: { content: srReply('x', 'y', `src/${name}`), times: Infinity } });
  return { dir, server, file: path.join(dir, 'src', name) };
}

describe('runEdit target checks', () => {
  it('refuses a binary target before asking the model', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const { dir, server, file } = await projectWith('logo.png', png);
    await rejectsWithReason(runEdit({ instruction: 'make it blue', files: ['src/logo.png'] }, editContext(dir, server)), 'notText', /^src\/logo\.png is a binary file/);
    assert.equal(server.chatRequests().length, 0, 'no model call');
    assert.ok(fs.readFileSync(file).equals(png));
  });

  it('refuses a Latin-1 target (é is not UTF-8) instead of editing a lossy copy', async () => {
    const latin1 = Buffer.from('// caf\u00e9\nfunction f() {}\n', 'latin1');
    const { dir, server, file } = await projectWith('cafe.js', latin1);
    await rejectsWithReason(
      runEdit({ instruction: 'rename f', files: ['src/cafe.js'] }, editContext(dir, server)),
      'notText',
      /^src\/cafe\.js is not UTF-8 text; Atomic Skills edits UTF-8 files only\.$/,
    );
    assert.equal(server.chatRequests().length, 0, 'no model call');
    assert.ok(fs.readFileSync(file).equals(latin1));
  });

  it('refuses a target over atomicSkills.index.maxFileKilobytes, naming the setting, before asking the model', async () => {
    const big = Buffer.from(`// ${'x'.repeat(20 * 1024)}\n`);
    const { dir, server } = await projectWith('big.js', big);
    const ctx = { ...editContext(dir, server), settings: settingsFrom((key) => (key === 'atomicSkills.index.maxFileKilobytes' ? 16 : undefined)) };
    await rejectsWithReason(
      runEdit({ instruction: 'shorten it', files: ['src/big.js'] }, ctx),
      'fileTooLarge',
      /^src\/big\.js is 20484 bytes, over the 16384-byte limit\. Atomic Skills works on files up to 16 KiB \(setting atomicSkills\.index\.maxFileKilobytes\)/,
    );
    assert.equal(server.chatRequests().length, 0, 'no model call');
  });

  it('still edits a UTF-8 file with a byte-order mark and non-ASCII text', async () => {
    const text = '\ufeff// caf\u00e9\nconst name = "a";\n';
    const { dir, server } = await projectWith('bom.js', Buffer.from(text, 'utf8'));
    server.enqueue({ when: { systemIncludes: 'You edit code' }, content: srReply('const name = "a";', 'const name = "b";', 'src/bom.js') });
    const { result } = await runEdit({ instruction: 'rename to b', files: ['src/bom.js'] }, editContext(dir, server));
    assert.equal(result.ok, true, result.report);
    assert.equal(result.files[0].before, text);
    assert.equal(result.files[0].after, '\ufeff// caf\u00e9\nconst name = "b";\n');
  });
});
