import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { fixedMathJs, makeProject, mathJs, srReply } from './editSkillSupport';

before(ensureDistCli);
after(async () => {
  await closeServers();
  removeTempDirs();
});

const good = srReply('  return a - b;', '  return a + b;');
const bad = srReply('  return x * y;', '  return a + b;');

async function edit(dir: string, url: string, extra: string[] = [], env: Record<string, string> = {}) {
  return runProcess(process.execPath, [distCli, 'edit', '--repo', dir, '--instruction', 'make add() add', '--files', 'src/math.js', '--base-url', url, ...extra], {
    env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache'), ...env }),
    cwd: dir, // --files is a path from the current folder
  });
}

describe('atomic-skills edit (dist/cli.js)', () => {
  it('writes the edited file when every block applies, and records the run', async () => {
    const dir = makeProject();
    const server = await startServer({ fallback: { content: good, times: Infinity } });
    const store = makeTempDir('feedback');
    const r = await edit(dir, server.url, [], { ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'math.js'), 'utf8'), fixedMathJs);
    assert.match(r.stdout, /Wrote src\/math\.js\./);
    assert.match(r.stdout, /^\+  return a \+ b;$/m);
    const { records } = await new FeedbackStore(store).readRecords();
    assert.deepEqual(records.map((x) => [x.skill, x.surface]), [['edit', 'cli']]);
    assert.ok(records[0].labels.some((l) => l.kind === 'check' && l.name === 'editApplies' && l.passed));
  });

  it('leaves the file byte-identical and exits 1 when a block never applies', async () => {
    const dir = makeProject();
    const file = path.join(dir, 'src', 'math.js');
    const bytes = fs.readFileSync(file);
    const server = await startServer({ fallback: { content: bad, times: Infinity } });
    const r = await edit(dir, server.url, ['--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(fs.readFileSync(file).equals(bytes));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'src')), ['math.js'], 'no temp files left');
    const json = JSON.parse(r.stdout);
    assert.equal(json.ok, false);
    assert.equal(json.repairTurns, 2);
    assert.deepEqual(json.written, []);
    assert.match(json.report, /FAILED/);
    assert.equal(server.chatRequests().length, 3);
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const dir = makeProject();
    const server = await startServer({ fallback: { content: good, times: Infinity } });
    const r = await edit(dir, server.url, ['--dry-run', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'math.js'), 'utf8'), mathJs);
    const json = JSON.parse(r.stdout);
    assert.equal(json.ok, true);
    assert.equal(json.dryRun, true);
    assert.equal(json.parseGuard, true, 'the bundled grammars are found');
    assert.deepEqual(json.written, []);
    assert.match(json.files[0].diff, /^\+  return a \+ b;$/m);
    assert.equal(json.files[0].after, fixedMathJs);
  });

  it('refuses a Latin-1 file up front: clear error, no model call, the bytes untouched', async () => {
    const dir = makeProject();
    const file = path.join(dir, 'src', 'math.js');
    const latin1 = Buffer.from(`// caf\u00e9\n${mathJs}`, 'latin1');
    fs.writeFileSync(file, latin1);
    const server = await startServer({ fallback: { content: good, times: Infinity } });
    const r = await edit(dir, server.url);
    assert.equal(r.code, 2, r.stderr + r.stdout);
    assert.match(r.stderr, /src\/math\.js is not UTF-8 text; Atomic Skills edits UTF-8 files only\./);
    assert.equal(server.chatRequests().length, 0);
    assert.ok(fs.readFileSync(file).equals(latin1));
  });

  it('refuses a missing --instruction with a usage error', async () => {
    const r = await runProcess(process.execPath, [distCli, 'edit', '--repo', makeProject()], { env: cleanEnv() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--instruction/);
  });
});
