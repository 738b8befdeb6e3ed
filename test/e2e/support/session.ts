// Opens a fresh real VS Code (code-server + Chromium) on a folder for one scenario.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench } from './browser';
import { startCodeServer, CodeServerOptions } from './codeServer';
import { extensionVsix, resultsDir } from './paths';
import { ScenarioContext } from './scenario';

export interface VsCodeOptions extends Omit<CodeServerOptions, 'vsixes' | 'folder'> {
  folder: string;
  /** Extra VSIX files installed next to ours. */
  extraVsixes?: string[];
}

export async function openVsCode(t: ScenarioContext, opts: VsCodeOptions): Promise<void> {
  if (!fs.existsSync(extensionVsix)) throw new Error(`${extensionVsix} does not exist; run \`npm run package\` first`);
  const server = await startCodeServer({ ...opts, vsixes: [extensionVsix, ...(opts.extraVsixes ?? [])] });
  t.server = server;
  t.defer('stop code-server', () => server.stop());
  t.defer('keep logs', () => keepLogs(t.name, server.userDataDir, server.logFile));
  t.log(`code-server on ${server.url}`);
  t.workbench = await openWorkbench(server.url, opts.folder);
  const workbench = t.workbench;
  t.defer('close browser', () => workbench.close());
  t.log('workbench loaded');
}

/** Copies code-server's log and the user-data logs (extension host, output channels) to test-results/logs/<scenario>/. */
function keepLogs(scenario: string, userDataDir: string, logFile: string): void {
  const dest = path.join(resultsDir, 'logs', scenario);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  if (fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(dest, 'code-server.log'));
  const logs = path.join(userDataDir, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'user-data-logs'), { recursive: true });
}
