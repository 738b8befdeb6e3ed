// Review comment threads as the editor renders them: a zone widget (.review-widget) under the
// commented line, and a comment glyph in the gutter.
import { Page } from 'playwright-core';
import { waitFor } from './wait';

export interface RenderedThread {
  /** Line the zone widget sits under (the thread's last line), read from the editor's line numbers. */
  line: number | undefined;
  /** Lines that carry a comment glyph in the gutter. */
  glyphLines: number[];
  text: string;
}

/** Finds an expanded thread containing `text` in the visible editor of `file` (workspace-relative). */
async function findThread(page: Page, file: string, text: string): Promise<RenderedThread | undefined> {
  return page.evaluate(({ file, text }) => {
    const editors = [...document.querySelectorAll<HTMLElement>('.monaco-editor[data-uri]')]
      .filter((e) => decodeURIComponent(e.getAttribute('data-uri') ?? '').endsWith(`/${file}`));
    for (const editor of editors) {
      const lineAt = (y: number) => {
        for (const n of editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')) {
          const box = n.getBoundingClientRect();
          if (y >= box.top - 1 && y <= box.bottom + 1 && box.height > 0) return Number(n.textContent?.trim());
        }
        return undefined;
      };
      const glyphLines = [...editor.querySelectorAll<HTMLElement>('.comment-range-glyph.comment-thread, .comment-range-glyph.comment-thread-unresolved')]
        .map((g) => lineAt(g.getBoundingClientRect().top + 2)).filter((n): n is number => n !== undefined);
      for (const zone of editor.querySelectorAll<HTMLElement>('.zone-widget')) {
        const widget = zone.querySelector<HTMLElement>('.review-widget');
        if (!widget || !widget.innerText.includes(text)) continue;
        return { line: lineAt(zone.getBoundingClientRect().top - 2), glyphLines, text: widget.innerText };
      }
    }
    return undefined;
  }, { file, text });
}

/** Waits for an expanded comment thread with `text` in the editor of `file`; expands collapsed ones by their glyph. */
export async function waitForCommentThread(page: Page, file: string, text: string, timeoutMs = 60_000): Promise<RenderedThread> {
  let expanded = false;
  let clickedAt = 0;
  const probe = async (): Promise<RenderedThread | undefined> => {
    const found = await findThread(page, file, text);
    if (found) return found;
    // A click while the editor is still expanding the thread itself collapses it again: click
    // once more when no thread showed within a few seconds of the last click.
    if (Date.now() - clickedAt > 3_000) {
      const glyph = page.locator(`.monaco-editor[data-uri$="${file}"] .comment-range-glyph.comment-thread`).first();
      if (await glyph.isVisible().catch(() => false)) {
        expanded = true;
        clickedAt = Date.now();
        await glyph.click().catch(() => undefined);
      }
    }
    return undefined;
  };
  try {
    return await waitFor(`a comment thread "${text}" in ${file}`, probe, { timeoutMs });
  } catch (err) {
    const editors = await page.locator('.monaco-editor[data-uri]').evaluateAll((els) => els.map((e) => e.getAttribute('data-uri') ?? ''));
    throw new Error(`${(err as Error).message}; glyph clicked: ${expanded}; editors: ${editors.join(' | ') || 'none'}`);
  }
}

/** Lines the Comments panel lists for threads containing `text` ("… at line 8 column 1 in math.js"). */
export async function commentsPanelLines(page: Page, text: string): Promise<number[]> {
  const labels = await page.locator('.monaco-list-row[aria-label*="at line"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  return labels.filter((l) => l.includes(text)).map((l) => Number(/at line (\d+)/.exec(l)?.[1])).filter((n) => n > 0);
}
