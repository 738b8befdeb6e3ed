// What a user does in the workbench: the Command Palette, quick picks, notifications.
import { Page } from 'playwright-core';
import { waitFor } from './wait';

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} input`;
const quickRows = `${quickInput} .monaco-list-row`;

function cssString(s: string): string {
  return JSON.stringify(s);
}

/** Opens the Command Palette (F1), filters to `title`, waits for that exact entry and runs it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector(quickInputBox, { state: 'visible' });
  await page.fill(quickInputBox, `>${title}`);
  const row = page.locator(`${quickRows}[aria-label=${cssString(title)}]`).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  if (await row.evaluate((e) => e.classList.contains('focused'))) await page.keyboard.press('Enter');
  else await row.click();
  // The palette closes (or turns into the command's own quick input).
  await waitFor(`the palette to run "${title}"`, async () =>
    !(await page.locator(quickInputBox).isVisible()) || !(await page.inputValue(quickInputBox)).startsWith('>'), { timeoutMs: 10_000 });
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
  return waitFor(`a notification matching ${want}`, async () => (await notificationTexts(page)).find((t) => matches(t, want)), { timeoutMs });
}

/** Opens the Command Palette filtered by `filter` and returns the entries once all of `expect` show (or the timeout). */
export async function paletteEntries(page: Page, filter: string, expect: string[] = [], timeoutMs = 30_000): Promise<string[]> {
  await page.keyboard.press('F1');
  await page.waitForSelector(quickInputBox, { state: 'visible' });
  await page.fill(quickInputBox, `>${filter}`);
  const read = () => page.locator(quickRows).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  return waitFor(`palette entries ${expect.join(', ')}`, async () => {
    const labels = await read();
    return expect.every((e) => labels.includes(e)) && labels.length > 0 ? labels : undefined;
  }, { timeoutMs }).catch(read);
}
