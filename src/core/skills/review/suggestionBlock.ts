/**
 * A finding's suggested replacement as a block of HTML for a Markdown answer. A fenced code block
 * does not wrap in VS Code's chat (a long line is cut at the panel's edge, behind a scrollbar);
 * a <pre> block wraps, so the replacement shows whole. The text is model output: it is escaped,
 * so nothing in it becomes markup.
 */
export function suggestionBlock(suggestion: string): string {
  const escaped = suggestion
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  // An HTML block ends at its closing tag only: blank lines inside stay part of it.
  return `<pre><code>${escaped}</code></pre>\n`;
}
