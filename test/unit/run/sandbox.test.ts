import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runProcess } from '../../../src/core/run/runProcess';
import { bubblewrap, sandboxArgv } from '../../../src/core/run/sandbox';
import { makePlaceholders, removePlaceholders } from '../../../src/core/run/runLaterPlaceholders';
import { protectionMounts } from '../../../src/core/run/sandboxMounts';
import { makeTempDir, removeTempDirs, repoRoot } from '../helpers/paths';

after(removeTempDirs);

const base = { timeoutMs: 20_000, maxOutputBytes: 100_000 };

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** A node script that tries each write and prints `ok <name>` or `refused <name> <code>`. */
function tryWrites(files: Record<string, string>): string[] {
  const script = `const fs=require('fs');for(const [n,f] of Object.entries(${JSON.stringify(files)})){try{fs.writeFileSync(f,'pwned');console.log('ok '+n)}catch(e){console.log('refused '+n+' '+e.code)}}`;
  return [process.execPath, '-e', script];
}

/** Runs `argv` in the sandbox with `home` as the home folder to protect. */
function runWithHome(bwrap: string, argv: string[], writable: string[], home: string): Promise<string> {
  const full = sandboxArgv(bwrap, argv, { writable, cwd: writable[0] ?? '/', home });
  return new Promise((resolve) => execFile(full[0], full.slice(1), { timeout: 20_000 }, (_err, stdout, stderr) => resolve(stdout + stderr)));
}

describe('the sandbox keeps what runs outside it read-only', async () => {
  const bwrap = await bubblewrap();
  const skip = bwrap ? false : 'bubblewrap is not installed or cannot create namespaces here';

  it('a run cannot change .git (config, hooks) or .vscode, and still writes the rest of the workspace', { skip }, async () => {
    const ws = makeTempDir('sandbox-git');
    write(path.join(ws, '.git', 'config'), '[core]\n');
    fs.mkdirSync(path.join(ws, '.git', 'hooks'));
    write(path.join(ws, '.vscode', 'settings.json'), '{}');
    const r = await runProcess({
      ...base,
      cwd: ws,
      sandbox: { writable: [ws] },
      argv: tryWrites({
        config: path.join(ws, '.git', 'config'),
        hook: path.join(ws, '.git', 'hooks', 'pre-commit'),
        settings: path.join(ws, '.vscode', 'settings.json'),
        tasks: path.join(ws, '.vscode', 'tasks.json'),
        source: path.join(ws, 'plain.txt'),
      }),
    });
    assert.equal(r.sandboxed, true);
    for (const name of ['config', 'hook', 'settings', 'tasks']) assert.match(r.output, new RegExp(`refused ${name} (EROFS|EACCES)`), r.output);
    assert.match(r.output, /ok source/);
    assert.equal(fs.readFileSync(path.join(ws, '.git', 'config'), 'utf8'), '[core]\n');
    assert.equal(fs.existsSync(path.join(ws, '.git', 'hooks', 'pre-commit')), false);
    assert.equal(fs.readFileSync(path.join(ws, '.vscode', 'settings.json'), 'utf8'), '{}');
    assert.equal(fs.existsSync(path.join(ws, '.vscode', 'tasks.json')), false);
    assert.equal(fs.readFileSync(path.join(ws, 'plain.txt'), 'utf8'), 'pwned');
  });

  it('a .git file (a worktree or submodule) cannot be pointed elsewhere', { skip }, async () => {
    const ws = makeTempDir('sandbox-gitfile');
    write(path.join(ws, '.git'), 'gitdir: /somewhere/else\n');
    const r = await runProcess({ ...base, cwd: ws, sandbox: { writable: [ws] }, argv: tryWrites({ gitfile: path.join(ws, '.git') }) });
    assert.match(r.output, /refused gitfile (EROFS|EACCES)/);
    assert.equal(fs.readFileSync(path.join(ws, '.git'), 'utf8'), 'gitdir: /somewhere/else\n');
  });

  it('a run cannot plant .git or .vscode where there is none, and the guard leaves nothing behind', { skip }, async () => {
    const ws = makeTempDir('sandbox-bare');
    write(path.join(ws, 'plain.txt'), 'x');
    const plant = `const fs=require('fs');for(const [d,f] of [['.git','config'],['.vscode','settings.json']]){try{fs.mkdirSync(d,{recursive:true});fs.writeFileSync(d+'/'+f,'pwned');console.log('ok '+d)}catch(e){console.log('refused '+d+' '+e.code)}}`;
    const r = await runProcess({ ...base, cwd: ws, sandbox: { writable: [ws] }, argv: [process.execPath, '-e', plant] });
    assert.equal(r.sandboxed, true);
    assert.match(r.output, /refused \.git (EROFS|EACCES)/, r.output);
    assert.match(r.output, /refused \.vscode (EROFS|EACCES)/, r.output);
    assert.deepEqual(fs.readdirSync(ws), ['plain.txt'], 'no placeholder is left in the workspace');
  });

  it('a repository one folder down (which VS Code opens too) cannot be changed; the folder itself stays writable', { skip }, async () => {
    const ws = makeTempDir('sandbox-nested');
    write(path.join(ws, 'lib', '.git', 'config'), '[core]\n');
    const r = await runProcess({
      ...base,
      cwd: ws,
      sandbox: { writable: [ws] },
      argv: tryWrites({ nested: path.join(ws, 'lib', '.git', 'config'), source: path.join(ws, 'lib', 'a.py') }),
    });
    assert.match(r.output, /refused nested (EROFS|EACCES)/, r.output);
    assert.match(r.output, /ok source/);
    assert.equal(fs.readFileSync(path.join(ws, 'lib', '.git', 'config'), 'utf8'), '[core]\n');
  });

  it('a .vscode planted as a link to / does not make the workspace read-only', { skip }, async () => {
    const ws = makeTempDir('sandbox-planted');
    fs.symlinkSync('/', path.join(ws, '.vscode'));
    const r = await runProcess({ ...base, cwd: ws, sandbox: { writable: [ws] }, argv: tryWrites({ source: path.join(ws, 'a.txt') }) });
    assert.match(r.output, /ok source/);
  });
});

describe('placeholders for a missing .git and .vscode', () => {
  it('are made only where nothing is, and removed only while empty', async () => {
    const ws = makeTempDir('placeholders');
    write(path.join(ws, '.git'), 'gitdir: /elsewhere\n');
    const made = await makePlaceholders([ws, path.join(ws, 'missing-root')]);
    assert.deepEqual(made, [path.join(ws, '.vscode')], 'the .git file stays as it is; a missing root gets none');
    write(path.join(ws, '.vscode', 'settings.json'), '{}'); // the user's editor saved a setting during the run
    await removePlaceholders(made);
    assert.equal(fs.readFileSync(path.join(ws, '.vscode', 'settings.json'), 'utf8'), '{}');
    const again = await makePlaceholders([makeTempDir('placeholders-empty')]);
    assert.equal(again.length, 2);
    await removePlaceholders(again);
    for (const dir of again) assert.equal(fs.existsSync(dir), false);
  });
});

describe('the sandbox hides host IPC and credentials', async () => {
  const bwrap = await bubblewrap();
  const skip = bwrap ? false : 'bubblewrap is not installed or cannot create namespaces here';

  function fakeHome(): string {
    const home = makeTempDir('sandbox-home');
    write(path.join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY');
    write(path.join(home, '.aws', 'credentials'), 'AWS SECRET');
    write(path.join(home, '.config', 'gh', 'hosts.yml'), 'GH TOKEN');
    write(path.join(home, '.npmrc'), '//registry/:_authToken=NPM TOKEN');
    write(path.join(home, '.git-credentials'), 'https://user:GIT TOKEN@host');
    write(path.join(home, '.cargo', 'bin', 'tool'), 'toolchain');
    write(path.join(home, '.cache', 'pip', 'entry'), 'cache');
    write(path.join(home, '.config', 'other', 'settings'), 'other config');
    return home;
  }

  it('the home folder is hidden (history, config, credentials, caches); its toolchains are bound back read-only without their credentials', { skip }, async () => {
    const home = fakeHome();
    write(path.join(home, '.bash_history'), 'mysql -p HISTORY SECRET');
    write(path.join(home, '.cargo', 'credentials.toml'), 'token = "CARGO TOKEN"');
    const ws = makeTempDir('sandbox-ws');
    write(path.join(ws, 'notes.txt'), 'workspace file');
    const files = ['.bash_history', '.ssh/id_rsa', '.aws/credentials', '.config/gh/hosts.yml', '.npmrc', '.git-credentials', '.cache/pip/entry', '.config/other/settings', '.cargo/bin/tool', '.cargo/credentials.toml'];
    const script = `const fs=require('fs'),p=require('path');for(const f of ${JSON.stringify(files.map((f) => path.join(home, f)))}.concat(${JSON.stringify(path.join(ws, 'notes.txt'))})){let t;try{t=JSON.stringify(fs.readFileSync(f,'utf8'))}catch(e){t=e.code}console.log(p.basename(f)+' '+t)}console.log('home '+JSON.stringify(fs.readdirSync(${JSON.stringify(home)})));try{fs.writeFileSync(${JSON.stringify(path.join(home, '.cargo', 'bin', 'tool'))},'x');console.log('wrote tool')}catch(e){console.log('tool write '+e.code)}`;
    const out = await runWithHome(bwrap as string, [process.execPath, '-e', script], [ws], home);
    for (const name of ['.bash_history', 'id_rsa', 'credentials', 'hosts.yml', '.npmrc', '.git-credentials', 'entry', 'settings']) assert.match(out, new RegExp(`^${name.replace('.', '\\.')} ENOENT$`, 'm'), out);
    assert.match(out, /^credentials\.toml ""$/m, 'a credential inside a toolchain reads as empty');
    assert.doesNotMatch(out, /SECRET|TOKEN|PRIVATE|other config/);
    assert.match(out, /tool "toolchain"/);
    assert.match(out, /tool write (EROFS|EACCES)/);
    assert.match(out, /^home \[".cargo"\]$/m, 'only the toolchain is in the home folder');
    assert.match(out, /notes\.txt "workspace file"/);
    assert.equal(fs.readFileSync(path.join(home, '.cargo', 'bin', 'tool'), 'utf8'), 'toolchain', 'the host file is untouched');
  });

  it('a workspace inside a hidden folder stays visible and writable', { skip }, async () => {
    const home = fakeHome();
    const ws = path.join(home, '.ssh', 'project');
    write(path.join(ws, 'notes.txt'), 'inside');
    const script = `const fs=require('fs');console.log(fs.readFileSync('notes.txt','utf8'));fs.writeFileSync('out.txt','written')`;
    const out = await runWithHome(bwrap as string, [process.execPath, '-e', script], [ws], home);
    assert.match(out, /inside/, out);
    assert.equal(fs.readFileSync(path.join(ws, 'out.txt'), 'utf8'), 'written');
  });

  it('a socket masked with /dev/null (as docker.sock is) refuses connections; a masked folder hides the sockets in it (as /run/user does)', { skip }, async () => {
    const dir = makeTempDir('sandbox-ipc');
    const sock = path.join(dir, 'engine.sock');
    const runtime = path.join(dir, 'runtime');
    fs.mkdirSync(runtime);
    const busSock = path.join(runtime, 'bus');
    const servers = [net.createServer((c) => c.end('reached\n')), net.createServer((c) => c.end('reached\n'))];
    await new Promise<void>((r) => servers[0].listen(sock, r));
    await new Promise<void>((r) => servers[1].listen(busSock, r));
    try {
      const script = `const net=require('net');for(const s of ${JSON.stringify([sock, busSock])}){net.connect(s).on('data',d=>console.log('reached '+s)).on('error',e=>console.log('blocked '+e.code))}`;
      const argv = [process.execPath, '-e', script];
      const open = await new Promise<string>((resolve) => execFile(argv[0], argv.slice(1), (_e, out) => resolve(out)));
      assert.equal(open.match(/reached/g)?.length, 2, 'both reachable without the sandbox');
      const home = makeTempDir('sandbox-empty-home');
      const unmasked = [bwrap as string, '--ro-bind', '/', '/', '--dev', '/dev', '--unshare-net', '--', ...argv];
      const control = await new Promise<string>((resolve) => execFile(unmasked[0], unmasked.slice(1), { timeout: 20_000 }, (_e, o, e) => resolve(o + e)));
      assert.equal(control.match(/reached/g)?.length, 2, 'a file-system socket crosses the network namespace: ' + control);
      const full = [bwrap as string, '--ro-bind', '/', '/', '--dev', '/dev', ...protectionMounts([], home, [sock, runtime]), '--unshare-net', '--', ...argv];
      const out = await new Promise<string>((resolve) => execFile(full[0], full.slice(1), { timeout: 20_000 }, (_e, o, e) => resolve(o + e)));
      assert.equal(out.match(/blocked/g)?.length, 2, out);
      assert.doesNotMatch(out, /reached/);
    } finally {
      for (const s of servers) s.close();
    }
  });

  it('the host /run, /var/run and /tmp are not there: /tmp holds only the workspace and the run\'s temp folder', { skip }, async () => {
    const ws = makeTempDir('sandbox-tmp-view');
    const script = `const fs=require('fs');for(const d of ['/run','/var/run','/tmp']){let t;try{t=JSON.stringify(fs.readdirSync(d))}catch(e){t=e.code}console.log(d+' '+t)}`;
    const r = await runProcess({ ...base, cwd: ws, sandbox: { writable: [ws] }, argv: [process.execPath, '-e', script] });
    assert.match(r.output, /^\/run ENOENT$/m, r.output);
    assert.match(r.output, /^\/var\/run ENOENT$/m);
    const tmp = JSON.parse(/^\/tmp (.*)$/m.exec(r.output)![1]) as string[];
    const topUnderTmp = (p: string) => (path.relative('/tmp', p).startsWith('..') ? undefined : path.relative('/tmp', p).split(path.sep)[0]);
    // The Node running this test is a toolchain the sandbox shows; a checkout under /tmp (a CI clone) brings its folder along.
    const allowed = new Set([topUnderTmp(ws), topUnderTmp(process.execPath), topUnderTmp(repoRoot)].filter(Boolean));
    assert.ok(tmp.every((name) => allowed.has(name) || name.startsWith('atomic-run-')), `only the workspace and the run's folder: ${tmp.join(', ')}`);
  });
});
