/** The test file a reply proposes: the <test_file> block, else the only (or largest) fenced code block. */
export function parseTestFileReply(text: string): { path?: string; content: string } | undefined {
  const tagged = /<test_file(?:\s+path\s*=\s*"([^"]*)")?\s*>\r?\n?([\s\S]*?)<\/test_file>/i.exec(text);
  if (tagged) return { path: tagged[1]?.trim() || undefined, content: stripFence(tagged[2]) };
  const fences = [...text.matchAll(/```[\w.+-]*[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (!fences.length) return undefined;
  const largest = fences.reduce((a, b) => (b.length > a.length ? b : a));
  return { content: ensureNewline(largest) };
}

/** A tagged block may still wrap the file in a code fence. */
function stripFence(content: string): string {
  const fenced = /^\s*```[^\n]*\n([\s\S]*?)\n?```\s*$/.exec(content);
  return ensureNewline(fenced ? fenced[1] : content.replace(/^\s*\n/, ''));
}

const ensureNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
