/** Shared reading of model replies: line splitting, code fences, and the file-path lines before a block. */

/** The reply as lines, CRLF and lone CR turned into LF. */
export function replyLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** An opening or closing code fence: ``` or ~~~ (3 or more) at the start of a line, with an optional info string. */
export function fenceOf(line: string): { marker: string; info: string } | undefined {
  const m = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(line);
  return m ? { marker: m[1], info: m[2].trim() } : undefined;
}

const decorations = /^(?:#+\s*|[-*]\s+|\d+\.\s+)?(?:(?:file|filename|path|new file|updated file|create|edit)\s*:\s*)?/i;

/**
 * The path a line names, when the whole line is a path, possibly decorated: `**src/a.py**`,
 * `` `src/a.py` ``, `# File: src/a.py`, `src/a.py:`. Letters of any script count; a space only
 * inside quotes, backticks or bold (`` `docs/user guide.md` ``), since bare prose has spaces too.
 * Lines without a '/' or '.' are not paths.
 */
export function pathFromLine(line: string): string | undefined {
  let t = line.trim();
  if (!t || t.length > 300) return undefined;
  let wrapped = false;
  for (let changed = true; changed; ) {
    const before = t;
    t = t.replace(decorations, '');
    const unwrapped = t.replace(/^(\*\*|__|`+|["'])(.*)\1$/, '$2');
    if (unwrapped !== t) wrapped = true;
    t = unwrapped.replace(/:$/, '').trim();
    changed = t !== before;
  }
  t = t.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!(wrapped ? /^[\p{L}\p{N}\p{M}_.@+~\-/ ]+$/u : /^[\p{L}\p{N}\p{M}_.@+~\-/]+$/u).test(t)) return undefined;
  if (!t.includes('/') && !/\.[A-Za-z0-9_]+$/.test(t) && !/^(Makefile|Dockerfile|Rakefile|Gemfile|LICENSE|README)$/.test(t)) return undefined;
  if (/^\.+$/.test(t) || t.endsWith('/') || t.endsWith('.')) return undefined;
  return t;
}

/** The path in a fence's info string: ```python src/a.py or ```src/a.py. */
export function pathFromFenceInfo(info: string): string | undefined {
  const parts = info.split(/[\s:]+/).filter(Boolean);
  for (const part of parts.reverse()) {
    const p = pathFromLine(part);
    if (p && (p.includes('/') || /\.[A-Za-z0-9_]+$/.test(p)) && !/^[a-z]+$/.test(p)) return p;
  }
  return undefined;
}

/**
 * The path named just before line `at`: the nearest non-blank line above (skipping fence lines,
 * whose info string may itself hold the path), looking at most `maxLines` non-blank lines up and
 * never past `floor` (the end of the previous block).
 */
export function pathBefore(lines: readonly string[], at: number, floor: number, maxLines = 3): string | undefined {
  let seen = 0;
  for (let i = at - 1; i >= floor && seen < maxLines; i--) {
    const line = lines[i];
    if (!line.trim()) continue;
    const fence = fenceOf(line);
    if (fence) {
      const p = pathFromFenceInfo(fence.info);
      if (p) return p;
      seen++;
      continue;
    }
    const p = pathFromLine(line);
    if (p) return p;
    seen++;
  }
  return undefined;
}
