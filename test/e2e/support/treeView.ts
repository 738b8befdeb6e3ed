// Tree views contributed by extensions (a pane of a view container such as the Explorer), as the
// workbench renders them: `.pane` whose `.pane-header .title` is the view's name, rows
// `.monaco-list-row` with `aria-level`, label `.label-name` and description `.label-description`.
import { Locator, Page } from 'playwright-core';
import { waitFor } from './wait';

export interface TreeRow {
  label: string;
  description: string;
  /** 1 for top-level items. */
  level: number;
  expanded: boolean | undefined;
  ariaLabel: string;
}

/** The pane of the view titled `title` (case-insensitive: headers are shown in capitals). */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`, 'i') }) }).first();
}

/** The rendered rows of the view `title`, in order; undefined while the view is not shown. */
export async function treeRows(page: Page, title: string): Promise<TreeRow[] | undefined> {
  return page.evaluate((title) => {
    const pane = [...document.querySelectorAll<HTMLElement>('.pane')].find(
      (p) => p.querySelector('.pane-header .title')?.textContent?.trim().toLowerCase() === title.toLowerCase());
    if (!pane || pane.offsetParent === null) return undefined;
    return [...pane.querySelectorAll<HTMLElement>('.pane-body .monaco-list-row')].map((row) => ({
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
      level: Number(row.getAttribute('aria-level') ?? '0'),
      expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
      ariaLabel: row.getAttribute('aria-label') ?? '',
    }));
  }, title);
}

/** Waits until the view `title` shows rows satisfying `ready`; expands its pane if it is collapsed. */
export async function waitForTreeRows(page: Page, title: string, ready: (rows: TreeRow[]) => boolean, timeoutMs = 60_000): Promise<TreeRow[]> {
  let last: TreeRow[] | undefined;
  try {
    return await waitFor(`the "${title}" view to show the expected rows`, async () => {
      const header = viewPane(page, title).locator('.pane-header');
      if ((await header.getAttribute('aria-expanded', { timeout: 500 }).catch(() => null)) === 'false') await header.click();
      last = await treeRows(page, title);
      return last && ready(last) ? last : undefined;
    }, { timeoutMs, intervalMs: 300 });
  } catch (err) {
    const shown = last ? last.map((r) => `[${r.level}] ${r.label} — ${r.description}`).join(' | ') || 'no rows' : 'the view is not shown';
    throw new Error(`${(err as Error).message}; ${shown}`);
  }
}

/** The row of the view `title` whose label is exactly `label` (`level` narrows it to a depth). */
export function treeRow(page: Page, title: string, label: string, level?: number): Locator {
  const rows = viewPane(page, title).locator(level ? `.pane-body .monaco-list-row[aria-level="${level}"]` : '.pane-body .monaco-list-row');
  return rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }).first();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The message a tree view shows above its rows (`TreeView.message`), or '' when none is shown. */
export async function viewMessage(page: Page, title: string): Promise<string> {
  const message = viewPane(page, title).locator('.pane-body .message').first();
  if (!(await message.isVisible().catch(() => false))) return '';
  return ((await message.textContent()) ?? '').trim();
}
