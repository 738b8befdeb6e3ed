// A FIFO in the workspace, through the bundled CLI (dist/cli.js) as its own process: `edit --files
// pipe` and `apply` of a plan naming it end at once with the refusal, and the FIFO stays a FIFO.
// Before the fix both blocked forever; the child's own timeout (and the test's) bounds them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';

const skip = process.platform === 'win32' ? 'no FIFOs on Windows' : false;
const bounded = { timeout: 20_000, skip };

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeServers();
  removeTempDirs();
});

function repoWithFifo(): string {
  const root = makeTempDir('fifo-cli');
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'a.js'), 'export const a = 1;\n');
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
  return root;
}

// Run from the repository: command-line paths are relative to the current folder.
const cli = (args: string[]) => runProcess(process.execPath, [distCli, ...args], { cwd: args[args.indexOf('--repo') + 1], env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }), timeoutMs: 10_000 });

describe('a FIFO in the workspace (dist/cli.js)', () => {
  it('apply: a plan naming the FIFO fails that file with the refusal, writes nothing, exits 1', bounded, async () => {
    const root = repoWithFifo();
    const plan = path.join(makeTempDir('plan'), 'plan.txt');
    const edits = [
      { kind: 'replace', path: 'pipe', blocks: [{ search: 'x\n', replace: 'y\n' }] },
      { kind: 'replace', path: 'src/a.js', blocks: [{ search: 'export const a = 1;\n', replace: 'export const a = 2;\n' }] },
    ];
    fs.writeFileSync(plan, JSON.stringify({ edits }));
    const started = Date.now();
    const run = await cli(['apply', '--repo', root, '--plan', plan]);
    assert.equal(run.code, 1, run.stderr + run.stdout);
    assert.ok(Date.now() - started < 10_000);
    assert.match(run.stdout, /FAILED   pipe block 1: Cannot read pipe: pipe is not a regular file \(a FIFO\); only regular files are read\./);
    assert.match(run.stdout, /Nothing written/);
    assert.equal(fs.readFileSync(path.join(root, 'src', 'a.js'), 'utf8'), 'export const a = 1;\n');
    assert.ok(fs.lstatSync(path.join(root, 'pipe')).isFIFO());
  });

  it('edit --files pipe: refused before any model call, exit 2', bounded, async () => {
    const root = repoWithFifo();
    const server = await startServer({ fallback: { content: 'no edits', times: Infinity } });
    const run = await cli(['edit', '--repo', root, '--instruction', 'change it', '--files', 'pipe', '--base-url', server.url]);
    assert.equal(run.code, 2, run.stderr + run.stdout);
    assert.match(run.stderr, /--files pipe is a FIFO \(named pipe\); name a file\./, "refused up front by the CLI's input check");
    assert.equal(server.chatRequests().length, 0);
    assert.ok(fs.lstatSync(path.join(root, 'pipe')).isFIFO());
  });
});
