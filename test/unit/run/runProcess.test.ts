import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanEnvironment } from '../../../src/core/run/cleanEnvironment';
import { CappedOutput } from '../../../src/core/run/outputCap';
import { runProcess } from '../../../src/core/run/runProcess';
import { passed } from '../../../src/core/run/runTypes';
import { bubblewrap } from '../../../src/core/run/sandbox';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { sleeper, upIn, waitUntilGone } from '../helpers/processTags';

after(removeTempDirs);

const base = { cwd: process.cwd(), timeoutMs: 20_000, maxOutputBytes: 100_000 };
const node = (script: string) => [process.execPath, '-e', script];

const linux = process.platform === 'linux';

describe('runProcess', () => {
  it('reports exit code, interleaved output and duration of a program that fails', async () => {
    const r = await runProcess({ ...base, argv: node('console.log("out"); console.error("err"); process.exit(3)') });
    assert.equal(r.exitCode, 3);
    assert.equal(passed(r), false);
    assert.match(r.output, /out/);
    assert.match(r.output, /err/);
    assert.ok(r.durationMs >= 0 && !r.timedOut && !r.cancelled);
  });

  it('passes stdin and never uses a shell (metacharacters are plain arguments)', async () => {
    const r = await runProcess({ ...base, argv: [...node('let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s+"|"+process.argv[1]))'), '$(echo hacked); ls'], stdin: 'input' });
    assert.equal(r.exitCode, 0);
    assert.equal(r.output.trim(), 'input|$(echo hacked); ls');
  });

  it('a missing program is a clear configuration error', async () => {
    await assert.rejects(runProcess({ ...base, argv: ['no-such-program-atomic-skills'] }), /Cannot run no-such-program-atomic-skills: it is not installed or not on PATH/);
  });

  it('on timeout kills the whole tree, grandchildren and setsid escapees included', { skip: !linux }, async () => {
    const [a, b] = [sleeper(), sleeper()];
    const r = await runProcess({ ...base, argv: ['sh', '-c', `${a.command} & setsid ${b.command} & sleep 30`], timeoutMs: 3_000 });
    assert.equal(r.timedOut, true);
    assert.equal(r.exitCode, null);
    assert.ok(upIn(r.output, [a.tag, b.tag]), r.output);
    assert.deepEqual(await waitUntilGone([a.tag, b.tag]), [], 'no process of the tree survives');
  });

  it('cancellation kills the tree and says so', { skip: !linux }, async () => {
    const abort = new AbortController();
    const a = sleeper();
    const running = runProcess({ ...base, argv: ['sh', '-c', `${a.command} & wait`], signal: abort.signal });
    setTimeout(() => abort.abort(), 1_500);
    const r = await running;
    assert.equal(r.cancelled, true);
    assert.ok(upIn(r.output, [a.tag]), r.output);
    assert.deepEqual(await waitUntilGone([a.tag]), []);
  });

  it('children left running after the program exits do not outlive the run, a detached (setsid, double fork) one neither', { skip: !linux }, async () => {
    const [a, b] = [sleeper(), sleeper()];
    // The subshell exits at once, so the setsid child belongs to init, outside the tree and its group.
    const r = await runProcess({ ...base, argv: ['sh', '-c', `${a.command} & (setsid nohup ${b.command} &); sleep 1`] });
    assert.equal(r.exitCode, 0, r.output);
    assert.ok(upIn(r.output, [a.tag, b.tag]), r.output);
    assert.deepEqual(await waitUntilGone([a.tag, b.tag]), []);
  });

  it('caps the output, keeping its start and its end', async () => {
    const r = await runProcess({ ...base, maxOutputBytes: 4_000, argv: node('console.log("FIRST"); for (let i = 0; i < 20000; i++) console.log("line " + i); console.log("LAST")') });
    assert.equal(r.truncated, true);
    assert.ok(r.output.length < 4_200, `kept ${r.output.length} characters`);
    assert.match(r.output, /^FIRST/);
    assert.match(r.output, /LAST\n$/);
    assert.match(r.output, /bytes of output omitted/);
    assert.ok(r.outputBytes > 100_000);
  });

  it('runs with a clean environment: no API keys or tokens, PATH kept', async () => {
    process.env.OPENAI_API_KEY = 'sk-should-not-leak';
    process.env.ATOMIC_SKILLS_API_KEY = 'also-secret';
    process.env.SOME_RANDOM_VAR = 'not-passed';
    try {
      const r = await runProcess({ ...base, argv: node('console.log(JSON.stringify(process.env))'), env: { EXTRA: 'yes' } });
      const env = JSON.parse(r.output) as Record<string, string>;
      assert.equal(env.OPENAI_API_KEY, undefined);
      assert.equal(env.ATOMIC_SKILLS_API_KEY, undefined);
      assert.equal(env.SOME_RANDOM_VAR, undefined);
      assert.equal(env.EXTRA, 'yes');
      assert.equal(env.CI, '1');
      assert.ok(env.PATH);
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.ATOMIC_SKILLS_API_KEY;
      delete process.env.SOME_RANDOM_VAR;
    }
  });
});

describe('cleanEnvironment', () => {
  it('keeps locale and tool variables, drops credentials even when allow-listed by name pattern', () => {
    const env = cleanEnvironment({ PATH: '/bin', LC_ALL: 'C', GITHUB_TOKEN: 'x', JAVA_HOME: '/j', HOME: '/h', AWS_SECRET_ACCESS_KEY: 'y' });
    assert.equal(env.PATH, '/bin');
    assert.equal(env.LC_ALL, 'C');
    assert.equal(env.JAVA_HOME, '/j');
    assert.equal(env.GITHUB_TOKEN, undefined);
    assert.equal(env.AWS_SECRET_ACCESS_KEY, undefined);
  });
});

describe('CappedOutput', () => {
  it('keeps everything under the cap and drops only the middle above it', () => {
    const small = new CappedOutput(100);
    small.push(Buffer.from('abc'));
    assert.equal(small.text(), 'abc');
    assert.equal(small.truncated, false);
    const big = new CappedOutput(40);
    for (let i = 0; i < 10; i++) big.push(Buffer.from(`<${i}>-------`));
    assert.equal(big.truncated, true);
    assert.match(big.text(), /^<0>/);
    assert.match(big.text(), /<9>-------$/);
    assert.equal(big.totalBytes, 100);
  });
});

describe('the bubblewrap sandbox', async () => {
  const bwrap = await bubblewrap();
  const skip = bwrap ? false : 'bubblewrap is not installed or cannot create namespaces here';

  it('lets a run write the workspace, not the rest of the file system', { skip }, async () => {
    const workspace = makeTempDir('sandbox-ws');
    const outside = makeTempDir('sandbox-outside');
    const script = `const fs=require('fs');fs.writeFileSync(${JSON.stringify(path.join(workspace, 'in.txt'))},'ok');try{fs.writeFileSync(${JSON.stringify(path.join(outside, 'out.txt'))},'no');console.log('WROTE OUTSIDE')}catch(e){console.log('refused '+e.code)}`;
    const r = await runProcess({ ...base, cwd: workspace, argv: node(script), sandbox: { writable: [workspace] } });
    assert.equal(r.sandboxed, true);
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /refused (EROFS|EACCES|ENOENT)/);
    assert.equal(fs.readFileSync(path.join(workspace, 'in.txt'), 'utf8'), 'ok');
    assert.equal(fs.existsSync(path.join(outside, 'out.txt')), false);
  });

  it('gives each run its own writable temp folder (TMPDIR), removed afterwards; node_modules above the workspace resolve, other files there do not show', { skip }, async () => {
    const parent = makeTempDir('sandbox-parent');
    fs.mkdirSync(path.join(parent, 'node_modules', 'shared'), { recursive: true });
    fs.writeFileSync(path.join(parent, 'node_modules', 'shared', 'index.js'), 'module.exports = 42;');
    fs.writeFileSync(path.join(parent, 'sibling.txt'), 'beside the workspace');
    const workspace = path.join(parent, 'ws');
    fs.mkdirSync(workspace);
    const script = `const os=require('os'),fs=require('fs'),p=require('path');const f=p.join(os.tmpdir(),'scratch');fs.writeFileSync(f,'x');let s;try{s=fs.readFileSync('../sibling.txt','utf8')}catch(e){s=e.code}console.log(os.tmpdir()+' '+require('shared')+' '+s)`;
    const r = await runProcess({ ...base, cwd: workspace, argv: node(script), sandbox: { writable: [workspace] } });
    assert.equal(r.exitCode, 0, r.output);
    const [tmp, shared, sibling] = r.output.trim().split(' ');
    assert.equal(shared, '42', 'a package in a node_modules above the workspace resolves');
    assert.equal(sibling, 'ENOENT', 'a file beside the workspace is not there');
    assert.match(path.basename(tmp), /^atomic-run-/);
    assert.equal(fs.existsSync(tmp), false, 'the run\'s temp folder is gone');
  });

  it('has no network, not even to a server on 127.0.0.1', { skip }, async () => {
    const server = http.createServer((_req, res) => res.end('reachable'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const script = `require('http').get('http://127.0.0.1:${port}/',r=>{r.on('data',d=>console.log(String(d)))}).on('error',e=>console.log('blocked '+e.code))`;
      const open = await runProcess({ ...base, argv: node(script) });
      assert.match(open.output, /reachable/, 'reachable without the sandbox');
      const ws = makeTempDir('sandbox-net');
      const sandboxed = await runProcess({ ...base, cwd: ws, argv: node(script), sandbox: { writable: [ws] } });
      assert.match(sandboxed.output, /blocked/);
    } finally {
      server.close();
    }
  });
});
