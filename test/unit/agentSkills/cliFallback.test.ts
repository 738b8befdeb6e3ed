// A SKILL.md's CLI fallback (`npx atomic-skills <cliCommand> …`) must name a command the CLI has, with the flags it names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCommand } from '../../../src/cli/cliCommands';
import { agentSkillDeclarations } from '../../../src/core/agentSkills/agentSkillDeclarations';

describe('the CLI fallback named in each SKILL.md', () => {
  for (const d of agentSkillDeclarations) {
    it(`${d.id}: atomic-skills ${d.cliCommand}`, () => {
      const [name, ...rest] = d.cliCommand.split(' ');
      const command = findCommand(name);
      assert.ok(command, `no CLI command "${name}"`);
      for (const flag of rest.filter((w) => w.startsWith('--'))) assert.ok(command.flags.some((f) => `--${f.name}` === flag), `${name} takes no ${flag}`);
    });
  }
});
