// Runs the in-host suite (test/e2e/host) inside code-server's real extension host, the way
// VS Code's own browser integration tests do: the workbench gets extensionDevelopmentPath and
// extensionTestsPath through its `payload` URL parameter, which it honours only with the smoke
// test driver enabled, so the served workbench page is patched in flight (no file is changed).
// The development path is the installed VSIX's folder, so the packaged extension is what runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { startCodeServer } from './support/codeServer';
import { createFixtureRepo } from './support/fixtureRepo';
import { chromiumPath, extensionVsix, makeTempDir, removeDir, repoRoot, resultFile } from './support/paths';

const timeLimitMs = 5 * 60_000;

export async function runHostTests(): Promise<number> {
  const repo = createFixtureRepo('review-js', [{ file: 'src/math.js', replace: { from: 'return a - b;', to: 'return a + b;' } }]);
  const server = await startCodeServer({ vsixes: [extensionVsix], folder: repo.dir });
  const profile = makeTempDir('chromium-host');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets,BlockInsecurePrivateNetworkRequests'],
  });
  try {
    const installed = fs.readdirSync(server.extensionsDir).find((d) => d.startsWith('atomic-skills.atomic-skills-'));
    if (!installed) throw new Error('the VSIX was not installed');
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(path.join(server.extensionsDir, installed))],
      ['extensionTestsPath', remote(path.join(repoRoot, 'out', 'test', 'e2e', 'host', 'index.js'))],
      ['skipWelcome', 'true'],
    ];
    const page = context.pages()[0] ?? (await context.newPage());
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      setTimeout(() => resolve(124), timeLimitMs).unref();
    });
    // The workbench forwards every console line; mocha's report is shown, the rest kept in a file.
    const logFile = resultFile('host-tests.log');
    fs.writeFileSync(logFile, '');
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      fs.appendFileSync(logFile, `[${type}] ${line}\n`);
      if (/^\s*(✔|✓|\d+\) |\d+ (passing|failing|pending)\b)|AssertionError|^\s+at Context|^\s+[+-] /.test(line)) process.stdout.write(`${line}\n`);
    });
    await page.route(`${server.url}/?*`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('developmentOptions&quot;:{', 'developmentOptions&quot;:{&quot;enableSmokeTestDriver&quot;:true,');
      await route.fulfill({ response, body: html });
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(repo.dir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await exit;
    if (code !== 0) {
      await page.screenshot({ path: resultFile('host-tests-failure.png') }).catch(() => undefined);
      process.stdout.write(`\n--- extension host log ---\n${server.extensionLogTail(80)}\n(full console: ${logFile})\n`);
    }
    return code;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    removeDir(profile);
    repo.remove();
  }
}

if (require.main === module) {
  runHostTests().then(
    (code) => {
      console.log(code === 0 ? 'in-host suite passed' : `in-host suite failed (exit ${code})`);
      process.exit(code);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
