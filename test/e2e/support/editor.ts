// The text editor as a user sees it: the active tab, the cursor position in the status bar
// ("Ln 9, Col 1"), and which lines of a file's editor are on screen and hold the cursor.
import { Page } from 'playwright-core';
import { waitFor } from './wait';

export interface EditorState {
  /** File name of the active editor tab (its `data-resource-name`). */
  tab: string;
  /** The tab's accessible label ("math.js", "ISSUE.md, preview"). */
  tabLabel: string;
  /** From the status bar's "Ln L, Col C". */
  line: number | undefined;
  column: number | undefined;
}

export async function editorState(page: Page): Promise<EditorState> {
  return page.evaluate(() => {
    const tab = document.querySelector<HTMLElement>('.editor-group-container.active .tabs-container .tab.active')
      ?? document.querySelector<HTMLElement>('.tabs-container .tab.active');
    const status = document.querySelector<HTMLElement>('[id="status.editor.selection"]')?.innerText ?? '';
    const m = /Ln (\d+), Col (\d+)/.exec(status);
    return {
      tab: tab?.getAttribute('data-resource-name') ?? '',
      tabLabel: tab?.getAttribute('aria-label') ?? '',
      line: m ? Number(m[1]) : undefined,
      column: m ? Number(m[2]) : undefined,
    };
  });
}

/** Waits until the active tab is `fileName` and the status bar shows "Ln `line`". */
export async function waitForEditorAt(page: Page, fileName: string, line: number, timeoutMs = 30_000): Promise<EditorState> {
  let last: EditorState | undefined;
  return waitFor(`the editor on ${fileName} at line ${line}`, async () => {
    last = await editorState(page);
    return last.tab === fileName && last.line === line ? last : undefined;
  }, { timeoutMs }).catch((err: Error) => {
    throw new Error(`${err.message}; the active tab is "${last?.tab}", the status bar says Ln ${last?.line}, Col ${last?.column}`);
  });
}

export interface RenderedLines {
  /** Line numbers rendered in the gutter of the visible editor of the file. */
  visible: number[];
  /** The line the (primary) cursor is drawn on. */
  cursorLine: number | undefined;
}

/** What the visible editor of `file` (workspace-relative) shows: its rendered line numbers and the cursor's line. */
export async function renderedLines(page: Page, file: string): Promise<RenderedLines | undefined> {
  return page.evaluate((file) => {
    const editor = [...document.querySelectorAll<HTMLElement>('.monaco-editor[data-uri]')]
      .find((e) => decodeURIComponent(e.getAttribute('data-uri') ?? '').endsWith(`/${file}`) && e.offsetParent !== null);
    if (!editor) return undefined;
    const numbers = [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')];
    const visible = numbers.map((n) => Number(n.textContent?.trim())).filter((n) => n > 0).sort((a, b) => a - b);
    const cursor = editor.querySelector<HTMLElement>('.cursors-layer .cursor');
    let cursorLine: number | undefined;
    if (cursor) {
      const y = cursor.getBoundingClientRect().top + cursor.getBoundingClientRect().height / 2;
      const hit = numbers.find((n) => { const b = n.getBoundingClientRect(); return b.height > 0 && y >= b.top && y <= b.bottom; });
      cursorLine = hit ? Number(hit.textContent?.trim()) : undefined;
    }
    return { visible, cursorLine };
  }, file);
}

/** Opens `file` (workspace-relative) with Quick Open (the palette without ">") and waits for its tab. */
export async function openFile(page: Page, file: string, timeoutMs = 30_000): Promise<void> {
  const name = file.split('/').pop() ?? file;
  const box = '.quick-input-widget input';
  await waitFor(`Quick Open to offer ${file}`, async () => {
    if (await page.locator(box).isVisible()) await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.waitForSelector(box, { state: 'visible', timeout: 10_000 });
    await page.fill(box, file);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    if (!(await row.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) return undefined;
    await row.click();
    return true;
  }, { timeoutMs, intervalMs: 500 });
  await waitFor(`the ${name} tab to be active`, async () => (await editorState(page)).tab === name, { timeoutMs });
}

/** Clicks into the text of the visible editor of `file` (a caret, no selection) and waits until it has keyboard focus. */
export async function focusEditor(page: Page, file: string, timeoutMs = 15_000): Promise<void> {
  const editor = page.locator(`.editor-group-container .monaco-editor[data-uri$="/${file}"]`).first();
  await waitFor(`keyboard focus in the editor of ${file}`, async () => {
    const focused = await editor.evaluate((e) => e.contains(document.activeElement)).catch(() => false);
    if (focused) return true;
    await editor.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    return undefined;
  }, { timeoutMs, intervalMs: 300 });
}

/** What the quick input shows (title, prompt, rows), for failure messages. */
export async function quickInputText(page: Page): Promise<string> {
  return page.locator('.quick-input-widget').evaluate((e) => ((e as HTMLElement).offsetParent ? (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim() : 'hidden'))
    .catch(() => 'none');
}
