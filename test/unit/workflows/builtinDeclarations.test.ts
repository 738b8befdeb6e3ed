// Built-in workflows are JSON files in the users' format, and every skill a step can name is declared once.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import schema from '../../../schemas/workflow.schema.json';
import { skills, stepSkills } from '../../../src/core/skills/registry';
import { builtinWorkflows } from '../../../src/core/workflows/builtinWorkflows';
import { loadWorkspaceWorkflows } from '../../../src/core/workflows/workflowLoader';
import { workflowSkills } from '../../../src/core/skills/skillsAndWorkflows';
import { makeTempDir, repoRoot } from '../helpers/paths';

describe('workflow and step-skill declarations', () => {
  it('the schema offers exactly the registry\'s step skills', () => {
    const offered = (schema.properties.steps.items.properties.skill as { enum: string[] }).enum;
    assert.deepEqual([...offered].sort(), stepSkills.map((s) => s.id).sort());
  });

  it('every step skill declares a check; every surfaced skill is a step skill', () => {
    for (const s of stepSkills) assert.equal(typeof s.check, 'function', s.id);
    for (const s of skills) assert.ok(stepSkills.includes(s), s.id);
  });

  it('each built-in is a file in builtin/, and its title is declared there once', () => {
    const dir = path.join(repoRoot, 'src', 'core', 'workflows', 'builtin');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, builtinWorkflows.map((w) => `${w.name}.json`).sort());
    for (const w of builtinWorkflows) {
      const declared = workflowSkills.find((s) => s.id === w.name)!;
      assert.equal(declared.title, w.title);
      assert.equal(JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, `${w.name}.json`), 'utf8'))).split(`"${w.title}"`).length - 1, 1, `${w.name}: the title appears once`);
    }
  });

  it('a workspace copy of a built-in loads under its own name, without the built-in\'s surface', async () => {
    const root = makeTempDir('wf-surface');
    fs.mkdirSync(path.join(root, '.atomic', 'workflows'), { recursive: true });
    const fix = JSON.parse(fs.readFileSync(path.join(repoRoot, 'src/core/workflows/builtin/fix.json'), 'utf8'));
    fs.writeFileSync(path.join(root, '.atomic', 'workflows', 'mine.json'), JSON.stringify({ ...fix, name: 'mine' }));
    const { workflows, errors } = await loadWorkspaceWorkflows(root);
    assert.deepEqual(errors, []);
    assert.deepEqual(workflows.map((w) => [w.name, w.surface]), [['mine', undefined]]);
  });
});
