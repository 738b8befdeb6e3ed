#!/usr/bin/env node
// `npm start`: opens the packaged extension in a real VS Code on a sample workspace that has an
// uncommitted change to review. Uses a local `code` when there is one (extension development
// mode), otherwise code-server from .vscode-host/ on http://127.0.0.1:8765 (or a free port).
// Model settings come from ATOMIC_SKILLS_BASE_URL, ATOMIC_SKILLS_MODEL and ATOMIC_SKILLS_BACKEND.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = process.env.VSCODE_HOST_DIR ?? path.join(repo, '.vscode-host');
// START_DIR: where this run's VS Code keeps its user data, extensions and logs (tests set their own).
const startDir = process.env.START_DIR ?? path.join(hostDir, 'start');
const vsix = path.join(repo, 'atomic-skills.vsix');

function modelSettings() {
  const s = {};
  if (process.env.ATOMIC_SKILLS_BASE_URL) s['atomicSkills.model.baseUrl'] = process.env.ATOMIC_SKILLS_BASE_URL;
  if (process.env.ATOMIC_SKILLS_MODEL) s['atomicSkills.model.name'] = process.env.ATOMIC_SKILLS_MODEL;
  if (process.env.ATOMIC_SKILLS_BACKEND) s['atomicSkills.model.backend'] = process.env.ATOMIC_SKILLS_BACKEND;
  return s;
}

/** test/fixtures/sample-workspace, committed in a temp git repo, then changed (uncommitted). */
function makeWorkspace() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-skills-start-')), 'sample-shop');
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'sample-workspace'), dir, { recursive: true });
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Atomic Sample', GIT_AUTHOR_EMAIL: 'sample@atomic.invalid',
    GIT_COMMITTER_NAME: 'Atomic Sample', GIT_COMMITTER_EMAIL: 'sample@atomic.invalid' };
  const git = (...args) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'sample shop');
  fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), '.vscode/\n');
  const cart = path.join(dir, 'src', 'cart.js');
  fs.writeFileSync(cart, fs.readFileSync(cart, 'utf8')
    .replace('i < items.length', 'i <= items.length')
    .replace('(total * percent) / 100', 'total * percent'));
  return dir;
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
}

function freePort(preferred) {
  const tryPort = (port) => new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  });
  return tryPort(preferred).then((p) => p ?? tryPort(0));
}

function writeSettings(file, extra) {
  let settings = {};
  if (fs.existsSync(file)) {
    try { settings = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { console.warn(`[start] ${file} is not plain JSON; left as is`); return; }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ 'workbench.startupEditor': 'none', ...settings, ...extra }, null, 2));
}

async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${path.join(startDir, 'code-server.log')}`);
    try { await fetch(url, { signal: AbortSignal.timeout(2000) }); return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`code-server did not answer on ${url}`);
}

function withCode(code, workspace) {
  writeSettings(path.join(workspace, '.vscode', 'settings.json'), modelSettings());
  console.log(`[start] ${code} --extensionDevelopmentPath=${repo} ${workspace}`);
  // The sample is the project's own fixture, made fresh for this run: trusted, so the skills that run
  // git and tests work at once (--disable-workspace-trust affects this window's session only).
  spawnSync(code, [`--extensionDevelopmentPath=${repo}`, '--disable-workspace-trust', workspace], { stdio: 'inherit' });
}

async function withCodeServer(workspace) {
  const node = path.join(hostDir, 'node', 'bin', 'node');
  const entry = path.join(hostDir, 'cs', 'bin', 'code-server');
  if (!fs.existsSync(node) || !fs.existsSync(entry)) {
    console.log(`[start] installing code-server into ${hostDir} (first run only: about 3 minutes, 850 MB)`);
    execFileSync('bash', [path.join(repo, 'scripts', 'install-vscode-host.sh')], { stdio: 'inherit' });
  }
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing; run \`npm run package\``);
  const userData = path.join(startDir, 'user-data');
  const extensions = path.join(startDir, 'extensions');
  const config = path.join(startDir, 'config.yaml');
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  writeSettings(path.join(userData, 'User', 'settings.json'), modelSettings());
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(startDir, 'xdg-config'), XDG_DATA_HOME: path.join(startDir, 'xdg-data'),
    PATH: `${path.dirname(node)}:${process.env.PATH}` };
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.PORT; // code-server reads $PORT over --bind-addr: the free port chosen below must win
  const base = [entry, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(node, [...base, '--force', '--install-extension', vsix], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const port = await freePort(Number(process.env.PORT ?? 8765));
  const log = fs.openSync(path.join(startDir, 'code-server.log'), 'w');
  const child = spawn(node, [...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-getting-started-override', '--disable-workspace-trust', workspace], { env, detached: true, stdio: ['ignore', log, log] });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    console.log('\n[start] stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => { if (!stopping) { console.log(`[start] code-server exited (${code})`); stop(); } });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, child);
  console.log(`\nAtomic Skills is running in VS Code (code-server):\n\n  http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}\n`);
  console.log(`Workspace with an uncommitted change (trusted for this session): ${workspace}`);
  console.log(`Logs: ${path.join(startDir, 'code-server.log')}; press Ctrl+C to stop.`);
}

const workspace = makeWorkspace();
const code = process.env.ATOMIC_SKILLS_USE_CODE_SERVER ? '' : onPath('code');
if (code) withCode(code, workspace);
else await withCodeServer(workspace).catch((err) => { console.error(`[start] ${err.message}`); process.exit(1); });
