// The contributed Agent Skills and the Atomic custom agent reach VS Code's chat: "Configure
// Skills..." lists every skills/<name>/SKILL.md by its name, "Configure Custom Agents..." shows Atomic
// among the extensions' agents.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshot } from '../support/browser';
import { createFixtureRepo } from '../support/fixtureRepo';
import { repoRoot } from '../support/paths';
import { Scenario, assert } from '../support/scenario';
import { openVsCode } from '../support/session';
import { waitFor } from '../support/wait';
import { quickPickItems, runCommand } from '../support/workbench';

const shipped = fs.readdirSync(path.join(repoRoot, 'skills')).sort();
const agentFile = fs.readFileSync(path.join(repoRoot, 'agents', 'atomic.agent.md'), 'utf8');
const agentDescription = JSON.parse(/^description: (.*)$/m.exec(agentFile)![1]) as string;

export const agentSkills: Scenario = {
  name: 'agent-skills',
  async run(t) {
    const repo = createFixtureRepo('review-js');
    t.defer('remove fixture repo', () => repo.remove());
    await openVsCode(t, { folder: repo.dir });

    await runCommand(t.page, 'Chat: Configure Skills...');
    const skills = await waitFor('every Atomic skill in the skill list', async () => {
      const items = await quickPickItems(t.page);
      return shipped.every((name) => items.some((i) => i.includes(name))) ? items : undefined;
    }, { timeoutMs: 60_000 }).catch(async (err) => {
      throw new Error(`${(err as Error).message}; the list shows: ${(await quickPickItems(t.page, 5_000).catch(() => [])).join(' | ')}`);
    });
    t.log(`skills: ${skills.filter((s) => s.includes('atomic-')).join(' | ')}`);
    await screenshot(t.page, 'agent-skills');
    await t.page.keyboard.press('Escape');

    // It opens the Agent Customizations editor, whose Extensions group lists contributed agents.
    await runCommand(t.page, 'Chat: Configure Custom Agents...');
    const entry = t.page.getByText(agentDescription, { exact: true }).first();
    await entry.waitFor({ state: 'visible', timeout: 60_000 });
    // The entry: the nearest element around the description that holds more text (the name).
    const row = await entry.evaluate((e) => {
      let el = e as HTMLElement;
      while (el.parentElement && el.innerText.trim() === (e as HTMLElement).innerText.trim()) el = el.parentElement;
      return el.innerText.trim();
    });
    t.log(`agent entry: ${row.replace(/\n/g, ' | ')}`);
    assert(/^Atomic\b/.test(row), 'the agent entry is named Atomic');
    await screenshot(t.page, 'agent-skills-agent');
    await t.page.keyboard.press('Escape');
  },
};
