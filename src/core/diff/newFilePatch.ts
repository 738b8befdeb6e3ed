/**
 * A git-style diff that adds a whole file (for untracked files, which `git diff` leaves out).
 * A symlink is mode 120000 with its target path as the content.
 */
export function newFilePatch(path: string, content: string | Uint8Array, mode: '100644' | '120000' = '100644'): string {
  const header = `diff --git a/${path} b/${path}\nnew file mode ${mode}\n`;
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  if (typeof content !== 'string' && content.includes(0)) {
    return `${header}Binary files /dev/null and b/${path} differ\n`;
  }
  if (text.includes('\u0000')) return `${header}Binary files /dev/null and b/${path} differ\n`;
  if (text.length === 0) return header;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const noFinalNewline = lines[lines.length - 1] !== '';
  if (!noFinalNewline) lines.pop();
  const body = lines.map((l) => `+${l}`);
  if (noFinalNewline) body.push('\\ No newline at end of file');
  return `${header}--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${body.join('\n')}\n`;
}
