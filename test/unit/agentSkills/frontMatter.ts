// Reads a Markdown file's YAML front matter with a real YAML parser (js-yaml, mocha's), not with
// the generator's own rules, so the tests see the header as an agent host would.
import { createRequire } from 'node:module';

const { load } = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

export function splitFrontMatter(text: string): { header: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error('no front matter between --- lines at the start of the file');
  const header = load(match[1]);
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error('the front matter is not a mapping');
  return { header: header as Record<string, unknown>, body: match[2] };
}
