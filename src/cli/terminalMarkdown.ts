/**
 * Markdown (the skills' summaries, and the model's own text inside them) rendered for a terminal:
 * `ansi` marks bold, italics, code and headings with escape sequences; `plain` drops the markup.
 * Only the common subset is handled (headings, lists, quotes, fences, emphasis, code, links);
 * anything else passes through as text. The model's text is hostile: control characters (its
 * own escape sequences, carriage returns that overwrite a line) are removed before rendering.
 */
export type TerminalStyle = 'ansi' | 'plain';

const esc = (code: string) => `\u001b[${code}m`;
export const ansi = {
  bold: (s: string) => `${esc('1')}${s}${esc('22')}`,
  italic: (s: string) => `${esc('3')}${s}${esc('23')}`,
  dim: (s: string) => `${esc('2')}${s}${esc('22')}`,
  cyan: (s: string) => `${esc('36')}${s}${esc('39')}`,
  green: (s: string) => `${esc('32')}${s}${esc('39')}`,
  red: (s: string) => `${esc('31')}${s}${esc('39')}`,
};

/** Removes every control character but newline and tab (ESC, BEL, CR, C1 controls …). */
export function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Emphasis and links in text outside code spans. */
function inlineText(text: string, style: TerminalStyle): string {
  const bold = style === 'ansi' ? ansi.bold : (s: string) => s;
  const italic = style === 'ansi' ? ansi.italic : (s: string) => s;
  return text
    .replace(/\[([^\]\n]+)\]\((\S+?)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, (_m, s: string) => bold(s))
    .replace(/__(\S(?:.*?\S)?)__/g, (_m, s: string) => bold(s))
    .replace(/(^|[^*\w])\*(\S(?:[^*]*?\S)?)\*(?![*\w])/g, (_m, before: string, s: string) => before + italic(s));
}

/** One line's inline markup: code spans first, so nothing inside them is taken for emphasis. */
function inline(line: string, style: TerminalStyle): string {
  const parts = line.split(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/);
  let out = '';
  // split with two groups yields [text, ticks, code, text, ticks, code, …, text]
  for (let i = 0; i < parts.length; i += 3) {
    out += inlineText(parts[i], style);
    if (i + 2 < parts.length) out += style === 'ansi' ? ansi.cyan(parts[i + 2]) : parts[i + 2];
  }
  return out;
}

export function renderMarkdown(markdown: string, style: TerminalStyle): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of withoutControlCharacters(markdown).split('\n')) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = undefined;
      else out.push(style === 'ansi' ? `    ${ansi.dim(line)}` : `    ${line}`);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const text = inline(heading[2], style);
      out.push(style === 'ansi' ? ansi.bold(text) : text);
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(style === 'ansi' ? ansi.dim('─'.repeat(40)) : '-'.repeat(40));
      continue;
    }
    const item = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (item) {
      out.push(`${item[1]}${style === 'ansi' ? '•' : '-'} ${inline(item[2], style)}`);
      continue;
    }
    const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quote) {
      out.push(`${style === 'ansi' ? ansi.dim('│') : '>'} ${inline(quote[1], style)}`);
      continue;
    }
    out.push(inline(line, style));
  }
  return out.join('\n');
}
