// The workbench loads with our VSIX installed and the Command Palette lists our commands.
import { screenshot } from '../support/browser';
import { createFixtureRepo } from '../support/fixtureRepo';
import { Scenario, assert } from '../support/scenario';
import { openVsCode } from '../support/session';
import { paletteEntries } from '../support/workbench';

const expected = ['Atomic Skills: Review Changes', 'Atomic Skills: Set API Key'];

export const smoke: Scenario = {
  name: 'smoke',
  async run(t) {
    const repo = createFixtureRepo('review-js');
    t.defer('remove fixture repo', () => repo.remove());
    await openVsCode(t, { folder: repo.dir });
    const entries = await paletteEntries(t.page, 'Atomic Skills', expected);
    t.log(`palette: ${entries.join(' | ')}`);
    for (const title of expected) assert(entries.includes(title), `Command Palette lists "${title}"`);
    await screenshot(t.page, 'smoke');
    await t.page.keyboard.press('Escape');
  },
};
