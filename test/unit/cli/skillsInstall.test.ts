// `atomic-skills skills install`, run as the shipped CLI (dist/cli.js) in a temporary folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs, repoRoot } from '../helpers/paths';

before(ensureDistCli, { timeout: 120_000 });
after(removeTempDirs);

const install = (cwd: string, ...args: string[]) => runProcess(process.execPath, [distCli, 'skills', 'install', ...args], { cwd, env: cleanEnv() });
const shipped = fs.readdirSync(path.join(repoRoot, 'skills')).sort();
const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name, 'SKILL.md'), 'utf8');
const shippedText = (name: string) => read(path.join(repoRoot, 'skills'), name);

describe('atomic-skills skills install', () => {
  it('writes the shipped SKILL.md files into DIR (relative to the current folder) and prints the MCP entry', async () => {
    const cwd = makeTempDir('skills-install');
    const run = await install(cwd, '--dir', '.claude/skills');
    assert.equal(run.code, 0, run.stderr);
    const dir = path.join(cwd, '.claude', 'skills');
    assert.deepEqual(fs.readdirSync(dir).sort(), shipped);
    for (const name of shipped) assert.equal(read(dir, name), shippedText(name), name);
    for (const name of shipped) assert.match(run.stdout, new RegExp(`^wrote +\\.claude/skills/${name}/SKILL\\.md$`, 'm'));
    const snippet = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    assert.deepEqual(snippet, { mcpServers: { 'atomic-skills': { command: 'npx', args: ['atomic-skills', 'mcp', '--repo', '.'] } } });
    const bin = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).bin;
    assert.ok(snippet.mcpServers['atomic-skills'].args[0] in bin, 'npx runs the package bin');
  });

  it('a second run changes nothing; a file edited since is refused without --force, and nothing is written', async () => {
    const cwd = makeTempDir('skills-install');
    assert.equal((await install(cwd, '--dir', 'skills')).code, 0);
    const again = await install(cwd, '--dir', 'skills');
    assert.equal(again.code, 0, again.stderr);
    assert.equal((again.stdout.match(/^unchanged /gm) ?? []).length, shipped.length);

    const edited = path.join(cwd, 'skills', shipped[0], 'SKILL.md');
    fs.writeFileSync(edited, 'my own notes\n');
    const removed = path.join(cwd, 'skills', shipped[1], 'SKILL.md');
    fs.rmSync(removed);
    const refused = await install(cwd, '--dir', 'skills');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`skills/${shipped[0]}/SKILL\\.md`));
    assert.match(refused.stderr, /Nothing was written\. Run again with --force/);
    assert.equal(fs.readFileSync(edited, 'utf8'), 'my own notes\n', 'the edited file is kept');
    assert.equal(fs.existsSync(removed), false, 'all or nothing: the missing file was not written either');

    const forced = await install(cwd, '--dir', 'skills', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, new RegExp(`^replaced +skills/${shipped[0]}/SKILL\\.md$`, 'm'));
    assert.match(forced.stdout, new RegExp(`^wrote +skills/${shipped[1]}/SKILL\\.md$`, 'm'));
    assert.equal(fs.readFileSync(edited, 'utf8'), shippedText(shipped[0]));
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'skills')).filter((f) => f.includes('.tmp')), [], 'no temporary file is left');
  });

  it('never writes through a symbolic link in DIR, even with --force', async () => {
    const cwd = makeTempDir('skills-install');
    const outside = path.join(cwd, 'outside.txt');
    fs.writeFileSync(outside, 'keep me\n');
    fs.mkdirSync(path.join(cwd, 'skills', shipped[0]), { recursive: true });
    fs.symlinkSync(outside, path.join(cwd, 'skills', shipped[0], 'SKILL.md'));
    fs.symlinkSync(cwd, path.join(cwd, 'skills', shipped[1]));
    const run = await install(cwd, '--dir', 'skills', '--force');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Not writing through a symbolic link: /);
    for (const linked of shipped.slice(0, 2)) assert.match(run.stderr, new RegExp(`skills/${linked}/SKILL\\.md`));
    assert.equal(fs.readFileSync(outside, 'utf8'), 'keep me\n');
    assert.equal(fs.existsSync(path.join(cwd, 'SKILL.md')), false);
    assert.equal(fs.existsSync(path.join(cwd, 'skills', shipped[2])), false, 'nothing else was written');
  });

  it('usage errors: no --dir, --dir naming a file, an unknown flag', async () => {
    const cwd = makeTempDir('skills-install');
    fs.writeFileSync(path.join(cwd, 'file'), '');
    const noDir = await install(cwd);
    assert.equal(noDir.code, 2);
    assert.match(noDir.stderr, /skills install needs --dir DIR/);
    const notFolder = await install(cwd, '--dir', 'file');
    assert.equal(notFolder.code, 2);
    assert.match(notFolder.stderr, /--dir file is not a folder/);
    const badFlag = await install(cwd, '--dir', 'x', '--repo', '.');
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /skills install does not take --repo/);
    assert.equal(fs.existsSync(path.join(cwd, 'x')), false);
  });
});
