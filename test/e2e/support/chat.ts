// The Chat view: model picker, input box, responses.
import { Page } from 'playwright-core';
import { runCommand } from './workbench';
import { waitFor } from './wait';

const input = '.interactive-input-part';
const inputEditor = `${input} .monaco-editor`;
const modelName = `${input} .model-picker-name`;
const session = '.interactive-session';

export async function openChat(page: Page): Promise<void> {
  if (await page.locator(inputEditor).first().isVisible().catch(() => false)) return;
  await runCommand(page, 'Chat: Open Chat');
  await page.locator(inputEditor).first().waitFor({ state: 'visible', timeout: 30_000 });
}

export async function currentModel(page: Page): Promise<string> {
  return ((await page.locator(modelName).first().textContent().catch(() => '')) ?? '').trim();
}

/** Waits until the picker shows `name`; selects it through the picker when it is listed but not chosen. */
export async function waitForModel(page: Page, name: string, timeoutMs = 60_000): Promise<void> {
  let lastTry = 0;
  await waitFor(`chat model "${name}" in the picker (shows "${await currentModel(page)}")`, async () => {
    if ((await currentModel(page)) === name) return true;
    if (Date.now() - lastTry < 3_000) return undefined;
    lastTry = Date.now();
    await page.locator(`${input} .model-picker-item`).first().click();
    const entry = page.locator('.action-widget .monaco-list-row', { hasText: name }).first();
    if (await entry.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) await entry.click();
    else await page.keyboard.press('Escape');
    return (await currentModel(page)) === name || undefined;
  }, { timeoutMs, intervalMs: 300 });
}

async function requestCount(page: Page): Promise<number> {
  return page.locator(`${session} .interactive-item-container.interactive-request`).count();
}

/** Types `text` into the chat input (a Monaco editor: click it, then type) and sends it with Enter (again if a suggestion swallowed the first). */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  const before = await requestCount(page);
  await page.locator(inputEditor).first().click();
  await page.keyboard.type(text);
  await waitFor('the chat request to be sent', async () => {
    if ((await requestCount(page)) > before) return true;
    await page.keyboard.press('Enter');
    return waitFor('request', async () => ((await requestCount(page)) > before) || undefined, { timeoutMs: 2_000 }).catch(() => undefined);
  }, { timeoutMs: 20_000, intervalMs: 100 });
}

export interface ChatResponse {
  text: string;
  /** False while VS Code renders it as loading (`.chat-response-loading`). */
  complete: boolean;
  /** Hrefs of file anchors (`.chat-inline-anchor-widget`) and links in the response. */
  links: string[];
}

export async function lastResponse(page: Page): Promise<ChatResponse | undefined> {
  return page.evaluate((session) => {
    const responses = document.querySelectorAll<HTMLElement>(`${session} .interactive-item-container.interactive-response`);
    const last = responses[responses.length - 1];
    if (!last) return undefined;
    const links = [...last.querySelectorAll<HTMLElement>('.chat-inline-anchor-widget, a[data-href], a[href]')]
      .map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? '').filter(Boolean);
    return { text: last.innerText, links, complete: !last.classList.contains('chat-response-loading') };
  }, session);
}

/** Waits until the last response is complete and contains everything in `want`. */
export async function waitForResponse(page: Page, want: (string | RegExp)[], timeoutMs = 90_000): Promise<ChatResponse> {
  return waitFor(`a complete chat response containing ${want.join(', ')}`, async () => {
    const r = await lastResponse(page);
    return r?.complete && want.every((w) => (typeof w === 'string' ? r.text.includes(w) : w.test(r.text))) ? r : undefined;
  }, { timeoutMs, intervalMs: 300 });
}
