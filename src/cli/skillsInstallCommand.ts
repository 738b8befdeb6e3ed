import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { agentSkillDeclarations } from '../core/agentSkills/agentSkillDeclarations';
import { skillFiles } from '../core/agentSkills/agentSkillFiles';
import { mcpClientConfig } from '../core/agentSkills/mcpClientConfig';
import { AtomicError } from '../core/errors';
import { readRegularFileIfPresent } from '../core/regularFile';
import { writeFilesAtomically } from './atomicWriter';
import type { CliIo } from './cliIo';

export interface SkillsInstallOptions {
  /** The agent's skills folder, e.g. .github/skills or .claude/skills (relative to the current folder). */
  dir: string;
  /** Overwrite SKILL.md files that differ from ours (edited, or from another version). */
  force: boolean;
}

type Outcome = 'new' | 'unchanged' | 'changed';

/** Whether the skill's folder or its SKILL.md (below DIR, which itself may be a link) is a symbolic link. */
async function isLinkBelow(root: string, file: string): Promise<boolean> {
  for (const p of [path.dirname(file), file]) {
    if (!p.startsWith(root + path.sep)) continue;
    const stat = await fs.lstat(p).catch(() => undefined);
    if (stat?.isSymbolicLink()) return true;
  }
  return false;
}

/**
 * `atomic-skills skills install --dir DIR [--force]`: the SKILL.md files the extension ships,
 * written to DIR/<name>/SKILL.md for agents outside VS Code, all at once or not at all.
 */
export async function skillsInstallCommand(options: SkillsInstallOptions, io: CliIo): Promise<number> {
  const root = path.resolve(options.dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (stat && !stat.isDirectory()) throw new AtomicError('usage', `--dir ${options.dir} is not a folder.`);
  const files = skillFiles(agentSkillDeclarations).map((file) => ({ target: path.join(root, file.path), shown: path.join(options.dir, file.path), content: Buffer.from(file.text, 'utf8') }));
  // A link in DIR could send our text anywhere (a cloned repository's .claude/skills/x -> ~/.bashrc).
  const linked: string[] = [];
  for (const f of files) if (await isLinkBelow(root, f.target)) linked.push(f.shown);
  if (linked.length) throw new AtomicError('usage', `Not writing through a symbolic link: ${linked.join(', ')}. Remove the link, or choose another --dir.`);
  const planned = await Promise.all(
    files.map(async (f) => {
      const existing = await readRegularFileIfPresent(f.target);
      const outcome: Outcome = !existing ? 'new' : existing.equals(f.content) ? 'unchanged' : 'changed';
      return { ...f, outcome };
    }),
  );
  const changed = planned.filter((p) => p.outcome === 'changed');
  if (changed.length && !options.force) {
    io.err(`atomic-skills: ${changed.length === 1 ? 'this file differs' : 'these files differ'} from what Atomic Skills writes (edited, or from another version):`);
    for (const p of changed) io.err(`  ${p.shown}`);
    io.err('Nothing was written. Run again with --force to overwrite them.');
    return 1;
  }
  await writeFilesAtomically(planned.filter((p) => p.outcome !== 'unchanged').map((p) => ({ path: p.target, content: p.content })));
  const verb: Record<Outcome, string> = { new: 'wrote', changed: 'replaced', unchanged: 'unchanged' };
  for (const p of planned) io.out(`${verb[p.outcome].padEnd(9)} ${p.shown}`);
  io.out(
    [
      '',
      'The skills call the Atomic Skills MCP server. Add it to your agent\'s MCP configuration (e.g. .mcp.json for Claude Code):',
      JSON.stringify(mcpClientConfig(), null, 2),
    ].join('\n'),
  );
  return 0;
}
