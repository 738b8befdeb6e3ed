// One code-server (a real VS Code) per scenario: fresh user data, extensions and XDG dirs,
// our VSIX installed first, stopped by its process group.
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerEntry, hostNode, makeTempDir, removeDir } from './paths';
import { freePort, waitFor } from './wait';

export interface CodeServerOptions {
  /** Content of User/settings.json. */
  settings?: Record<string, unknown>;
  /** VSIX files installed before the server starts. */
  vsixes?: string[];
  /** Extra environment for code-server (reaches the extension host). */
  env?: Record<string, string>;
  /** Default true; trust tests turn it off. */
  disableWorkspaceTrust?: boolean;
  /** Folder opened when the browser gives none. */
  folder?: string;
  /** Content of User/keybindings.json (how a scenario runs a command that takes arguments). */
  keybindings?: Array<{ key: string; command: string; args?: unknown }>;
  /** Default false. True: VS Code's telemetry switch is on (vscode.env.isTelemetryEnabled), as for most users; nothing reaches a network here. */
  telemetry?: boolean;
}

export interface CodeServer {
  port: number;
  url: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Last lines of code-server's own output. */
  logTail(lines?: number): string;
  /** Last lines of the extension host logs and of the "Atomic Skills" output channel. */
  extensionLogTail(lines?: number): string;
  stop(): Promise<void>;
}

/** Quiet defaults under the caller's settings: no welcome tab, no telemetry or gallery calls (there is no internet). */
const baseSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

function hostEnv(root: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  env.XDG_CONFIG_HOME = path.join(root, 'xdg-config');
  env.XDG_DATA_HOME = path.join(root, 'xdg-data');
  env.XDG_CACHE_HOME = path.join(root, 'xdg-cache');
  env.PATH = `${path.dirname(hostNode)}:${env.PATH ?? ''}`;
  delete env.VSCODE_IPC_HOOK_CLI; // never talk to an enclosing VS Code
  return env;
}

function checkInstalled(): void {
  if (!fs.existsSync(codeServerEntry) || !fs.existsSync(hostNode)) {
    throw new Error(`code-server not found under ${path.dirname(path.dirname(codeServerEntry))}; run scripts/install-vscode-host.sh`);
  }
}

function installExtensions(baseArgs: string[], vsixes: string[], env: NodeJS.ProcessEnv): void {
  if (vsixes.length === 0) return;
  const args = [codeServerEntry, ...baseArgs, ...vsixes.flatMap((v) => ['--install-extension', v])];
  const r = spawnSync(hostNode, args, { env, encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || /Failed|Error/i.test(r.stderr ?? '')) {
    throw new Error(`installing ${vsixes.join(', ')} failed (exit ${r.status}):\n${output}`);
  }
}

async function answersHttp(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
    return res.status > 0;
  } catch {
    return false;
  }
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  checkInstalled();
  const root = makeTempDir('cs');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const configFile = path.join(root, 'config.yaml');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const telemetry = opts.telemetry ? { 'telemetry.telemetryLevel': 'all' } : {};
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...telemetry, ...opts.settings }, null, 2));
  if (opts.keybindings) fs.writeFileSync(path.join(userDataDir, 'User', 'keybindings.json'), JSON.stringify(opts.keybindings, null, 2));
  const env = hostEnv(root, opts.env);
  const baseArgs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  installExtensions(baseArgs, opts.vsixes ?? [], env);

  const port = await freePort();
  const logFile = path.join(root, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [codeServerEntry, ...baseArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    ...(opts.telemetry ? [] : ['--disable-telemetry']), '--disable-update-check', '--disable-getting-started-override'];
  if (opts.disableWorkspaceTrust ?? true) args.push('--disable-workspace-trust');
  if (opts.folder) args.push(opts.folder);
  const child: ChildProcess = spawn(hostNode, args, { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;

  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const tail = (text: string, n: number) => text.split('\n').slice(-n).join('\n');
  const server: CodeServer = {
    port, url, userDataDir, extensionsDir, logFile,
    logTail: (n = 40) => tail(readLog(), n),
    extensionLogTail: (n = 60) => extensionLogs(userDataDir).map((f) => `--- ${path.relative(userDataDir, f)}\n${tail(fs.readFileSync(f, 'utf8'), n)}`).join('\n'),
    async stop() {
      if (!exited && child.pid) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        await waitFor('code-server to exit', () => exited, { timeoutMs: 10_000 }).catch(() => {
          try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
        });
      }
      removeDir(root);
    },
  };
  try {
    await waitFor(`code-server on ${url}`, async () => {
      if (exited) throw new Error(`code-server exited:\n${tail(readLog(), 30)}`);
      return answersHttp(`${url}/healthz`);
    }, { timeoutMs: 60_000, intervalMs: 250 });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/** Extension host logs and our output channel's log, newest session first. */
export function extensionLogs(userDataDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(remote)?exthost\d*\.log$|Atomic Skills/.test(e.name)) found.push(p);
    }
  };
  const logs = path.join(userDataDir, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return found;
}
