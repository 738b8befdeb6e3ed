// File anchors (`.chat-inline-anchor-widget[data-href]`) of the last chat response, each with the
// text it shows ("math.js:9") and the text of the paragraph or list item it sits in.
import { Page } from 'playwright-core';

export interface ChatAnchor {
  href: string;
  /** What the widget shows: the base name, and ":line" for a location. */
  text: string;
  /** The enclosing paragraph's or list item's own text (nested lists left out). */
  context: string;
  /** Workspace-relative path (when under `root`) and line, from the href (…/src/math.js#9,1). */
  file: string;
  line: number | undefined;
}

export async function lastResponseAnchors(page: Page, root: string): Promise<ChatAnchor[]> {
  const raw = await page.evaluate(() => {
    const responses = document.querySelectorAll<HTMLElement>('.interactive-session .interactive-item-container.interactive-response');
    const last = responses[responses.length - 1];
    if (!last) return [];
    return [...last.querySelectorAll<HTMLElement>('.chat-inline-anchor-widget[data-href]')].map((a) => {
      const block = a.closest('li, p');
      let context = '';
      if (block) {
        const copy = block.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('ul, ol').forEach((n) => n.remove());
        context = (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
      }
      return { href: a.getAttribute('data-href') ?? '', text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(), context };
    });
  });
  return raw.map((a) => ({ ...a, ...parseAnchorHref(root, a.href) }));
}

/** The file (relative to `root` when under it) and line of an anchor href such as vscode-remote://host/abs/src/math.js#9%2C1. */
export function parseAnchorHref(root: string, href: string): { file: string; line: number | undefined } {
  const [rest, fragment = ''] = href.split('#');
  const filePath = decodeURIComponent(rest.replace(/^[a-z-]+:\/\/[^/]*/i, ''));
  const file = filePath.startsWith(`${root}/`) ? filePath.slice(root.length + 1) : filePath;
  const line = /^L?(\d+)/.exec(decodeURIComponent(fragment));
  return { file, line: line ? Number(line[1]) : undefined };
}
