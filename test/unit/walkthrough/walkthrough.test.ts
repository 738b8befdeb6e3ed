import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { extensionId } from '../../../src/core/manifest';
import { skillsAndWorkflows } from '../../../src/core/skills/skillsAndWorkflows';
import { walkthroughContribution, walkthroughId } from '../../../src/core/walkthrough';
import { repoRoot } from '../helpers/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const walkthrough = walkthroughContribution();
const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
/** VS Code's own commands the walkthrough links to. */
const builtIn = new Set(['workbench.action.openSettings']);

function links(text: string): Array<{ title: string; command: string; args?: unknown }> {
  return [...text.matchAll(/\[([^\]]+)\]\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map((m) => ({ title: m[1], command: m[2], args: m[3] && JSON.parse(decodeURIComponent(m[3])) }));
}

describe('the Getting Started walkthrough', () => {
  it('is contributed as declared, under the id the openWalkthrough command takes', () => {
    assert.deepEqual(pkg.contributes.walkthroughs, [JSON.parse(JSON.stringify(walkthrough))]);
    assert.equal(`${extensionId}#${walkthroughId}`, 'atomic-skills.atomic-skills#atomicSkills.gettingStarted');
  });

  it('has the four steps: connect a model, try the skills, preference data, export', () => {
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['connectModel', 'trySkills', 'preferenceData', 'exportData']);
    assert.deepEqual(links(walkthrough.steps[0].description).map((l) => l.command), ['atomicSkills.configureModel', 'atomicSkills.setApiKey']);
    assert.ok(links(walkthrough.steps[2].description).some((l) => l.command === 'atomicSkills.chooseFeedbackLevel'));
    assert.deepEqual(links(walkthrough.steps[2].description).find((l) => l.command === 'workbench.action.openSettings')?.args, ['atomicSkills.feedback.level']);
    assert.equal(links(walkthrough.steps[3].description)[0].command, 'atomicSkills.exportFeedback');
  });

  it('links every skill and workflow command, and only commands that exist', () => {
    const skillStep = links(walkthrough.steps[1].description).map((l) => l.command);
    for (const s of skillsAndWorkflows) assert.ok(skillStep.includes(s.commandId), s.commandId);
    for (const step of walkthrough.steps) {
      for (const l of links(step.description)) assert.ok(contributed.has(l.command) || builtIn.has(l.command), `${step.id}: ${l.command}`);
      for (const event of step.completionEvents) {
        const [kind, id] = event.split(':');
        if (kind === 'onCommand') assert.ok(contributed.has(id), event);
        if (kind === 'onSettingChanged') assert.ok(id in pkg.contributes.configuration.properties, event);
      }
    }
  });

  it('each step has its Markdown media file, packaged (media/ is in the VSIX)', () => {
    for (const step of walkthrough.steps) {
      const file = path.join(repoRoot, step.media.markdown);
      assert.match(step.media.markdown, /^media\/walkthrough\/\w+\.md$/);
      assert.ok(fs.existsSync(file), step.media.markdown);
      assert.match(fs.readFileSync(file, 'utf8'), /^# \S/);
    }
    assert.match(fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8'), /^!media\/\*\*$/m);
  });
});
