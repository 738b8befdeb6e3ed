// The MCP server the extension contributes (mcpServerDefinitionProviders, "Atomic Skills", the
// bundled dist/cli.js mcp) as a user sees it: "MCP: List Servers" lists it as Stopped; its Start
// Server runs it without a trust prompt (VS Code trusts servers an extension's manifest declares),
// the list then says Running and the server's output "Discovered 10 tools". In the Chat view
// (Agent mode, the scripted model) "Configure Tools..." shows an "Atomic Skills" group with the MCP
// icon holding exactly the server's ten tools (review_changes …), next to the extension's own
// "Atomic Skills" group of language-model tools (extension icon, reviewChanges …).
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { openChat, waitForModel } from '../support/chat';
import { createFixtureRepo } from '../support/fixtureRepo';
import { MODEL, scriptedModel } from '../support/scriptedModel';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { QuickTreeRow, quickTreeRowAt, quickTreeRows, runCommand } from '../support/workbench';

const SERVER = 'Atomic Skills';
const pickRow = '.quick-input-widget .quick-input-list .monaco-list-row';
const TOOLS = ['add_tests', 'apply_proposal', 'edit_code', 'fix_bug', 'generate_tests', 'localize_code', 'refactor_code', 'reproduce_issue', 'review_changes', 'secure_code'];

export const mcpTools: Scenario = {
  name: 'mcp-tools',
  timeoutMs: 5 * 60_000,
  async run(t) {
    const repo = createFixtureRepo('review-js');
    t.defer('remove fixture repo', () => repo.remove());
    const { settings } = await scriptedModel(t, []); // the endpoint the server is started with; no request is expected
    await openVsCode(t, { folder: repo.dir, settings });
    const page = t.page;

    // MCP: List Servers → Atomic Skills (Stopped: nothing starts it before a chat request) → Start Server.
    const serverRow = async () => (await pickRows(page)).find((r) => r.label === SERVER);
    await runCommand(page, 'MCP: List Servers');
    const listed = await waitFor(`"${SERVER}" in MCP: List Servers`, serverRow, { timeoutMs: 60_000 }).catch(async (err) => {
      throw new Error(`${(err as Error).message}; the list shows: ${showPick(await pickRows(page))}`);
    });
    t.log(`MCP: List Servers: ${showPick(await pickRows(page))}`);
    assertEqual(listed.description, 'Stopped', `${SERVER}'s state before it is started`);
    await clickPickRow(page, listed);
    const start = await waitFor('Start Server in the server options', async () => (await pickRows(page)).find((r) => r.label === 'Start Server'), { timeoutMs: 15_000 });
    t.log(`server options: ${showPick(await pickRows(page))}`);
    await clickPickRow(page, start);
    await waitFor(`"${SERVER}" Running in MCP: List Servers`, async () => {
      await runCommand(page, 'MCP: List Servers');
      const row = await serverRow();
      if (row?.description === 'Running') return row;
      await page.keyboard.press('Escape');
      return undefined;
    }, { timeoutMs: 90_000, intervalMs: 1_000 });
    t.log(`MCP: List Servers: ${showPick(await pickRows(page))}`);
    // Start Server opens the server's output channel: the tool count it found.
    const discovered = `Discovered ${TOOLS.length} tools`;
    await page.locator('.part.panel .monaco-editor', { hasText: discovered }).first().waitFor({ state: 'visible', timeout: 30_000 }).catch(async () => {
      throw new Error(`the panel does not show "${discovered}"; it shows: ${(await page.locator('.part.panel').innerText().catch(() => '')).slice(-400)}`);
    });
    t.log(`output: ${discovered}`);
    await screenshot(page, 'mcp-tools-servers');
    await page.keyboard.press('Escape');

    // The Chat view's tool picker, in Agent mode.
    await openChat(page);
    await waitForModel(page, MODEL);
    const configure = page.locator('.interactive-input-part .action-label[aria-label^="Configure Tools"]').first();
    await configure.click({ timeout: 30_000 }).catch(async (err) => {
      const labels = await page.locator('.interactive-input-part .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? (e as HTMLElement).innerText));
      throw new Error(`${(err as Error).message}; the chat input's actions: ${labels.join(' | ')}`);
    });
    const rows = await waitFor('the tool picker', async () => {
      const all = await quickTreeRows(page);
      return all.some((r) => r.level === 1) ? all : undefined;
    }, { timeoutMs: 30_000 });
    t.log(`tool picker: ${describe(rows)}`);
    assert(rows.some((r) => r.level === 1 && r.name === SERVER && r.icon.includes('codicon-extensions')), `the extension's own "${SERVER}" tools group is listed too`);

    const isServer = (r: QuickTreeRow) => r.level === 1 && r.icon.includes('codicon-mcp') && (r.name === SERVER || r.description === SERVER);
    // Other groups closed, ours open, so its tools are on screen.
    for (const r of rows) if (r.level === 1 && r.expanded === true && !isServer(r)) await toggle(page, r.index);
    const group = await waitFor(`the MCP server group "${SERVER}"`, async () => (await quickTreeRows(page)).find(isServer), { timeoutMs: 30_000 }).catch((err) => {
      throw new Error(`${(err as Error).message}; the picker shows: ${describe(rows)}`);
    });
    if (group.expanded === false) await toggle(page, group.index);
    const shown = await waitFor(`the ${SERVER} MCP tools under their group`, async () => {
      const all = await quickTreeRows(page);
      const start = all.findIndex(isServer);
      if (start < 0) return undefined;
      const children: QuickTreeRow[] = [];
      for (const r of all.slice(start + 1)) {
        if (r.level <= 1) break;
        children.push(r);
      }
      return TOOLS.every((name) => children.some((c) => c.name === name)) ? children : undefined;
    }, { timeoutMs: 30_000, intervalMs: 500 }).catch(async (err) => {
      throw new Error(`${(err as Error).message}; the picker shows: ${describe(await quickTreeRows(page))}`);
    });
    t.log(`${SERVER} MCP tools: ${describe(shown)}`);
    assertEqual(shown.map((c) => c.name).join(' '), TOOLS.join(' '), 'the MCP group\'s tools');
    const review = shown.find((c) => c.name === 'review_changes')!;
    assert(/^Review a code change/.test(review.description), `review_changes is described as the server describes it: "${review.description}"`);
    const visible = await quickTreeRowAt(page, review.index).isVisible();
    assert(visible, 'the review_changes row is on screen');
    await screenshot(page, 'mcp-tools');
    await page.keyboard.press('Escape');
  },
};

async function toggle(page: Page, index: number): Promise<void> {
  await quickTreeRowAt(page, index).locator('.monaco-tl-twistie').click();
}

interface PickRow {
  index: number;
  label: string;
  description: string;
}

/** The open quick pick's rows, label and description apart (a separator's label is neither). */
async function pickRows(page: Page): Promise<PickRow[]> {
  const rows = await page.locator(pickRow).evaluateAll((els) => els.map((e) => {
    const text = (sel: string) => ((e.querySelector(sel) as HTMLElement | null)?.innerText ?? '').trim();
    return { index: Number(e.getAttribute('data-index')), label: text('.quick-input-list-rows .label-name'), description: text('.quick-input-list-rows .label-description') };
  }));
  return rows.sort((a, b) => a.index - b.index);
}

function showPick(rows: PickRow[]): string {
  return rows.map((r) => (r.description ? `${r.label} (${r.description})` : r.label)).join(' | ');
}

async function clickPickRow(page: Page, row: PickRow): Promise<void> {
  await page.locator(`${pickRow}[data-index="${row.index}"]`).click();
}

function describe(rows: QuickTreeRow[]): string {
  return rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.name}${r.description ? ` — ${r.description.slice(0, 40)}` : ''}${r.expanded === undefined ? '' : r.expanded ? ' [-]' : ' [+]'}`).join(' | ');
}
