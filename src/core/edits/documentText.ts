/**
 * An editor shows a file's text without its byte-order mark and, when the file mixes line
 * endings, with one kind throughout. A proposal is made from the text on disk. This maps the
 * proposal onto the editor's text: the same content under those two differences is no change.
 */
export function proposalForDocument(documentText: string, eol: '\n' | '\r\n', from: string, to: string): { to: string } | undefined {
  if (documentText === from) return { to };
  const asEditor = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n|\r|\n/g, eol);
  return asEditor(from) === documentText ? { to: asEditor(to) } : undefined;
}
