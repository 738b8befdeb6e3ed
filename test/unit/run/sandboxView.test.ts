import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runProcess } from '../../../src/core/run/runProcess';
import { bubblewrap } from '../../../src/core/run/sandbox';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

const base = { timeoutMs: 20_000, maxOutputBytes: 100_000 };

/** Runs `fn` with HOME pointing at `home`, as the user's home folder for the sandbox and the run. */
async function withHome<T>(home: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.HOME;
  process.env.HOME = home;
  try {
    return await fn();
  } finally {
    process.env.HOME = before;
  }
}

function onPath(program: string): boolean {
  try {
    execFileSync(program, ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

describe('the sandbox shows only what a run needs', async () => {
  const bwrap = await bubblewrap();
  const skip = bwrap ? false : 'bubblewrap is not installed or cannot create namespaces here';

  it('Unix socket servers in the host /tmp and in the home folder, and abstract ones, cannot be reached', { skip }, async () => {
    const home = makeTempDir('view-home');
    const tmpDir = makeTempDir('view-sock');
    const ws = makeTempDir('view-ws');
    const targets = [path.join(tmpDir, 'default'), path.join(home, 'agent.sock'), `\0atomic-unit-view-${process.pid}`];
    const servers = targets.map(() => net.createServer((c) => c.end('reached\n')));
    await Promise.all(servers.map((s, i) => new Promise<void>((r) => s.listen(targets[i], r))));
    try {
      const script = `const net=require('net');for(const s of ${JSON.stringify(targets)}){net.connect(s).on('data',()=>console.log('reached '+JSON.stringify(s))).on('error',e=>console.log('failed '+e.code))}`;
      const argv = [process.execPath, '-e', script];
      const open = await withHome(home, () => runProcess({ ...base, cwd: ws, argv }));
      assert.equal(open.sandboxed, false);
      assert.equal(open.output.match(/reached/g)?.length, 3, `all three answer outside the sandbox: ${open.output}`);
      const shut = await withHome(home, () => runProcess({ ...base, cwd: ws, argv, sandbox: { writable: [ws] } }));
      assert.equal(shut.sandboxed, true);
      assert.equal(shut.output.match(/failed (ENOENT|ECONNREFUSED)/g)?.length, 3, shut.output);
      assert.doesNotMatch(shut.output, /reached/);
    } finally {
      for (const s of servers) s.close();
    }
  });

  it('a history file in the home folder is not readable; the run gets an empty writable home that vanishes', { skip }, async () => {
    const home = makeTempDir('view-history');
    fs.writeFileSync(path.join(home, '.bash_history'), 'export TOKEN=HISTORY-SECRET\n');
    const ws = makeTempDir('view-ws');
    const script = `const fs=require('fs'),os=require('os');let h;try{h=fs.readFileSync(os.homedir()+'/.bash_history','utf8')}catch(e){h=e.code}fs.writeFileSync(os.homedir()+'/.cache-file','x');console.log(os.homedir()+' '+h)`;
    const r = await withHome(home, () => runProcess({ ...base, cwd: ws, argv: [process.execPath, '-e', script], sandbox: { writable: [ws] } }));
    assert.equal(r.exitCode, 0, r.output);
    assert.equal(r.output.trim(), `${home} ENOENT`);
    assert.equal(fs.existsSync(path.join(home, '.cache-file')), false, 'a write to the home folder stays inside');
  });

  it('node, python and git still run, and the workspace stays writable', { skip }, async () => {
    const ws = makeTempDir('view-tools');
    const r = await runProcess({ ...base, cwd: ws, sandbox: { writable: [ws] }, argv: [process.execPath, '-e', `require('fs').writeFileSync('made.txt', process.version)`] });
    assert.equal(r.exitCode, 0, r.output);
    assert.equal(fs.readFileSync(path.join(ws, 'made.txt'), 'utf8'), process.version);
    const git = await runProcess({ ...base, cwd: ws, sandbox: { writable: [ws] }, argv: ['git', '--version'] });
    assert.equal(git.exitCode, 0, git.output);
    assert.match(git.output, /git version/);
    const python = ['python3', 'python'].find(onPath);
    if (python) {
      const py = await runProcess({ ...base, cwd: ws, sandbox: { writable: [ws] }, argv: [python, '-c', 'open("py.txt","w").write(str(6*7))'] });
      assert.equal(py.exitCode, 0, py.output);
      assert.equal(fs.readFileSync(path.join(ws, 'py.txt'), 'utf8'), '42');
    }
  });
});
