// What a user does in the workbench: the Command Palette, quick picks, notifications.
import { Page } from 'playwright-core';
import { waitFor } from './wait';

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} input`;
const quickRows = `${quickInput} .monaco-list-row`;

function cssString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Opens the Command Palette filtered by `filter` until `ready(labels)` holds. The palette lists the
 * commands known when it opens, so while the extension host is still starting it is reopened.
 */
async function openPalette(page: Page, filter: string, ready: (labels: string[]) => boolean, timeoutMs: number): Promise<string[]> {
  const read = () => page.locator(quickRows).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  let last: string[] = [];
  try {
    return await waitFor(`Command Palette entries for "${filter}"`, async () => {
      if (await page.locator(quickInputBox).isVisible()) await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.waitForSelector(quickInputBox, { state: 'visible', timeout: 10_000 });
      await page.fill(quickInputBox, `>${filter}`);
      return waitFor('entries', async () => {
        last = await read();
        return ready(last) ? last : undefined;
      }, { timeoutMs: 3_000 }).catch(() => undefined);
    }, { timeoutMs, intervalMs: 500 });
  } catch (err) {
    throw new Error(`${(err as Error).message}; the palette shows: ${last.join(' | ') || 'nothing'}`);
  }
}

/** Opens the Command Palette (F1), filters to `title`, waits for that exact entry and runs it. */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  // A command run before is labelled "<title>, recently used".
  const isEntry = (label: string) => label === title || label.startsWith(`${title}, `);
  const labels = await openPalette(page, title, (all) => all.some(isEntry), timeoutMs);
  const row = page.locator(`${quickRows}[aria-label=${cssString(labels.find(isEntry)!)}]`).first();
  if (await row.evaluate((e) => e.classList.contains('focused'))) await page.keyboard.press('Enter');
  else await row.click();
  // The palette closes (or turns into the command's own quick input).
  await waitFor(`the palette to run "${title}"`, async () =>
    !(await page.locator(quickInputBox).isVisible()) || !(await page.inputValue(quickInputBox)).startsWith('>'), { timeoutMs: 10_000 });
}

/** The palette's entries for `filter` once all of `expect` show (or whatever shows at the timeout). */
export async function paletteEntries(page: Page, filter: string, expect: string[], timeoutMs = 60_000): Promise<string[]> {
  return openPalette(page, filter, (labels) => expect.every((e) => labels.includes(e)), timeoutMs)
    .catch(() => page.locator(quickRows).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? '')));
}

/** Labels of the rows of the open quick pick, in order. */
export async function quickPickItems(page: Page, timeoutMs = 30_000): Promise<string[]> {
  return waitFor('a quick pick with items', async () => {
    const box = page.locator(quickInputBox);
    if (!(await box.isVisible())) return undefined;
    if ((await box.inputValue()).startsWith('>')) return undefined; // still the Command Palette
    const labels = await page.locator(quickRows).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
    return labels.length > 0 ? labels : undefined;
  }, { timeoutMs });
}

/** Waits for the quick pick to offer `label` (first by default) and accepts it with Enter. */
export async function acceptQuickPick(page: Page, label: string | RegExp, { mustBeFirst = true } = {}): Promise<string[]> {
  const items = await waitFor(`quick pick item ${label}`, async () => {
    const labels = await quickPickItems(page);
    return labels.some((l) => matches(l, label)) ? labels : undefined;
  });
  if (mustBeFirst && !matches(items[0], label)) throw new Error(`quick pick's first item is "${items[0]}", expected ${label}; items: ${items.join(' | ')}`);
  const index = items.findIndex((l) => matches(l, label));
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  return items;
}

function matches(text: string, want: string | RegExp): boolean {
  return typeof want === 'string' ? text.includes(want) : want.test(text);
}

/** Text of every notification toast and of the notification center. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notification-list-item-message').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));
}

/** Waits until a notification whose message matches appears; returns its text. */
export async function waitForNotification(page: Page, want: string | RegExp, timeoutMs = 60_000): Promise<string> {
  let seen: string[] = [];
  try {
    return await waitFor(`a notification matching ${want}`, async () => {
      seen = await notificationTexts(page);
      return seen.find((t) => matches(t, want));
    }, { timeoutMs });
  } catch (err) {
    throw new Error(`${(err as Error).message}; notifications shown: ${seen.join(' | ') || 'none'}`);
  }
}


export interface QuickTreeRow {
  /** Position in the tree (data-index): the rows are virtualized, the DOM order is not the order shown. */
  index: number;
  level: number;
  /** undefined for a leaf. */
  expanded: boolean | undefined;
  name: string;
  description: string;
  /** Class names of the row's icon (e.g. codicon-mcp for an MCP server's group). */
  icon: string;
}

const quickTreeRow = `${quickInput} .quick-input-tree .monaco-list-row`;

/** The rendered rows of an open quick tree (the tool picker), in the order shown. */
export async function quickTreeRows(page: Page): Promise<QuickTreeRow[]> {
  const rows = await page.locator(quickTreeRow).evaluateAll((els) => els.map((e) => {
    const text = (sel: string) => ((e.querySelector(sel) as HTMLElement | null)?.innerText ?? '').trim();
    const expanded = e.getAttribute('aria-expanded');
    return {
      index: Number(e.getAttribute('data-index')),
      level: Number(e.getAttribute('aria-level') ?? 0),
      expanded: expanded === null ? undefined : expanded === 'true',
      name: text('.label-name'),
      description: text('.label-description'),
      icon: e.querySelector('.quick-input-tree-icon')?.className ?? '',
    };
  }));
  return rows.sort((a, b) => a.index - b.index);
}

/** The quick tree's row at `index` (its data-index). */
export function quickTreeRowAt(page: Page, index: number) {
  return page.locator(`${quickTreeRow}[data-index="${index}"]`);
}
