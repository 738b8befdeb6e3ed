export interface ProposedReproduction {
  path: string;
  command: string;
  content: string;
  expectedFailure?: string;
}

const attribute = (tag: string, name: string) => new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);

/** The <reproduction path="…" command="…"> block of a reply; undefined when there is none or it lacks a path or command. */
export function parseReproductionReply(text: string): ProposedReproduction | undefined {
  // The attributes may hold ">" inside their quotes (a command with a redirection, refused later by name).
  const block = /<reproduction\b((?:[^>"']|"[^"]*"|'[^']*')*)>\r?\n?([\s\S]*?)<\/reproduction>/i.exec(text);
  if (!block) return undefined;
  const pathMatch = attribute(block[1], 'path');
  const commandMatch = attribute(block[1], 'command');
  const path = (pathMatch?.[1] ?? pathMatch?.[2])?.trim();
  const command = (commandMatch?.[1] ?? commandMatch?.[2])?.trim().replace(/&quot;/g, '"');
  if (!path || !command) return undefined;
  let content = block[2];
  const fenced = /^\s*```[^\n]*\n([\s\S]*?)\n?```\s*$/.exec(content);
  if (fenced) content = fenced[1];
  if (!content.endsWith('\n')) content += '\n';
  const expected = /<expected_failure>([\s\S]*?)<\/expected_failure>/i.exec(text)?.[1].trim();
  return { path, command, content, ...(expected ? { expectedFailure: expected } : {}) };
}
