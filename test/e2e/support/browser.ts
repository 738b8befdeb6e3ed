// Chromium (Debian's) driven by playwright-core, opening code-server's workbench on a folder.
import * as fs from 'node:fs';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, makeTempDir, removeDir, resultFile } from './paths';

export interface Workbench {
  page: Page;
  /** Browser console errors and page errors, for failure reports. */
  consoleLines: string[];
  close(): Promise<void>;
}

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets,BlockInsecurePrivateNetworkRequests',
];

export async function openWorkbench(serverUrl: string, folder: string): Promise<Workbench> {
  const profile = makeTempDir('chromium');
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath, headless: true, viewport: { width: 1400, height: 900 }, args: chromiumArgs,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleLines: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`[${m.type()}] ${m.text()}`); });
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const ctx = context;
    return {
      page, consoleLines,
      async close() { await ctx.close().catch(() => undefined); removeDir(profile); },
    };
  } catch (err) {
    await context?.close().catch(() => undefined);
    removeDir(profile);
    throw err;
  }
}

/** Saves test-results/<name>.png; evidence, never an assertion. Returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = resultFile(`${name}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  return fs.existsSync(file) ? file : '';
}
