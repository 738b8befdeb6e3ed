import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { skills, type AnySkill } from '../../../src/core/skills/registry';
import { cliCommands, findCommand } from '../../../src/cli/cliCommands';
import { commandHelp } from '../../../src/cli/help';
import { runSkillCommand, skillCliCommand } from '../../../src/cli/skillCommand';
import { inputFlags } from '../../../src/cli/skillFlags';
import { cliPresenters } from '../../../src/cli/presenters';
import type { SkillId } from '../../../src/core/skills/registry';
import { startScriptedModelServer } from '../../support/scriptedModelServer';
import { makeTempDir, repoRoot } from '../helpers/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('every surface is generated from the skill registry', () => {
  for (const skill of skills as readonly AnySkill[]) {
    it(`${skill.id}: a command, an LM tool, a slash command and a CLI subcommand with help`, () => {
      assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === skill.commandId), 'command');
      assert.ok(pkg.contributes.languageModelTools.some((t: { name: string }) => t.name === skill.toolName), 'LM tool');
      assert.ok(pkg.contributes.chatParticipants[0].commands.some((c: { name: string }) => c.name === skill.chatCommand.name), 'slash command');
      const command = findCommand(skill.id);
      assert.ok(command, 'CLI subcommand named by the id');
      const help = commandHelp(command);
      assert.ok(help.includes(skill.userDescription), 'help carries the declaration');
      for (const flag of inputFlags(skill, cliPresenters[skill.id as SkillId])) assert.ok(help.includes(`--${flag.name}`), `help lists --${flag.name}`);
    });
  }

  it('CLI command files do not import one another (only the command type and the tables do)', () => {
    const dir = path.join(repoRoot, 'src', 'cli');
    const commandFiles = fs.readdirSync(dir).filter((f) => /Command\.ts$/.test(f) && f !== 'cliCommand.ts');
    for (const file of commandFiles) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const imported = [...text.matchAll(/from '\.\/(\w+)'/g)].map((m) => `${m[1]}.ts`);
      const others = imported.filter((f) => commandFiles.includes(f));
      assert.deepEqual(others, [], `${file} imports ${others.join(', ')}`);
    }
    assert.ok(commandFiles.length >= 5, 'the check sees the command files');
  });

  it('subcommand names and aliases are unique', () => {
    const names = cliCommands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    assert.equal(new Set(names).size, names.length);
  });
});

describe('a sixth skill costs the CLI nothing', () => {
  // A skill that is not in the registry, declared as any skill is: the CLI derives its flags, help, input, output and exit code.
  const wordCount = {
    id: 'wordcount',
    title: 'Count Words',
    needs: [],
    userDescription: 'Count the words of a text.',
    inputSchema: {
      type: 'object',
      properties: {
        text: { type: 'string', description: 'The text.' },
        atLeast: { type: 'integer', minimum: 0, description: 'The fewest words that pass.' },
        shout: { type: 'boolean', description: 'Upper-case the summary.' },
      },
      required: ['text'],
    },
    run: async (input: { text: string; atLeast?: number; shout?: boolean }) => ({ result: { words: input.text.split(/\s+/).filter(Boolean).length, atLeast: input.atLeast ?? 1, shout: input.shout ?? false }, transcript: [] }),
    summarize: (r: { words: number; shout: boolean }) => (r.shout ? `${r.words} WORDS` : `${r.words} words`),
    check: (r: { words: number; atLeast: number }) => ({ name: 'enough words', passed: r.words >= r.atLeast }),
  } as unknown as AnySkill;

  it('its flags and help come from the declaration', () => {
    const command = skillCliCommand(wordCount, {});
    const help = commandHelp(command);
    assert.match(help, /Usage: atomic-skills wordcount \[--repo DIR\] --text TEXT \[--at-least N\] \[--shout\] \[--json\] \[model options\]/);
    assert.match(help, /--at-least N\s+The fewest words that pass\./);
  });

  it('runs: input from flags, summary or JSON with the check, exit code from the check', async () => {
    const server = await startScriptedModelServer();
    const dir = makeTempDir('sixth');
    try {
      const run = async (values: Record<string, string | boolean>) => {
        let out = '';
        let err = '';
        const code = await runSkillCommand(wordCount, {}, { repo: dir, 'base-url': server.url, model: 'scripted-model', ...values }, { out: (s) => (out += s), err: (s) => (err += s), env: {}, signal: new AbortController().signal });
        return { code, out, err };
      };
      assert.deepEqual(await run({ text: 'one two three', shout: true }), { code: 0, out: '3 WORDS', err: '' });
      const failed = await run({ text: 'one two', 'at-least': '5', json: true });
      assert.equal(failed.code, 1);
      assert.deepEqual(JSON.parse(failed.out), { words: 2, atLeast: 5, shout: false, check: { name: 'enough words', passed: false } });
      await assert.rejects(run({}), /wordcount needs --text TEXT/);
      await assert.rejects(run({ text: 'x', 'at-least': 'many' }), /--at-least must be a whole number of at least 0/);
      assert.equal(server.chatRequests().length, 0);
    } finally {
      await server.close();
    }
  });
});
