import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { builtinWorkflows } from '../../../src/core/workflows/builtinWorkflows';
import { checkWorkflow, findWorkflow, loadWorkspaceWorkflows } from '../../../src/core/workflows/workflowLoader';
import { removeTempDirs } from '../helpers/paths';
import { createTempRepo } from '../helpers/tempRepo';

after(removeTempDirs);

const valid = {
  name: 'quickFix',
  title: 'Quick Fix',
  steps: [
    { id: 'find', skill: 'localize', input: { task: '$task.issue' } },
    { id: 'change', skill: 'edit', input: { instruction: '$task.issue', files: '$find.committed' }, onFail: { action: 'retry', max: 2, then: 'ask' } },
    { id: 'check', skill: 'verify', input: { edit: '$change' }, onFail: { action: 'retry', max: 1, from: 'change' } },
  ],
};

const workspace = (files: Record<string, string>) =>
  createTempRepo(Object.fromEntries(Object.entries(files).map(([name, text]) => [`.atomic/workflows/${name}`, text])), 'workflows').dir;

describe('workflow definitions', () => {
  it('every built-in workflow passes its own checks', () => {
    for (const w of builtinWorkflows) {
      const { errors } = checkWorkflow({ ...w, name: `${w.name}Copy` });
      assert.deepEqual(errors, [], w.name);
    }
  });

  it('accepts a valid workflow and fills the defaults (task, onFail stop)', () => {
    const { workflow, errors } = checkWorkflow(valid);
    assert.deepEqual(errors, []);
    assert.deepEqual(workflow?.task, ['issue']);
    assert.deepEqual(workflow?.steps[0].onFail, { action: 'stop' });
  });

  it('names what is wrong: unknown skill, unknown property, bad retry, later or unknown references, duplicate ids, taken names', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...valid, steps: [{ id: 'a', skill: 'deploy' }] }, /steps\.0\.skill must be one of localize, reproduce, edit, verify, review, tests/],
      [{ ...valid, colour: 'red' }, /unknown property "colour"/],
      [{ ...valid, steps: [{ id: 'a', skill: 'edit', onFail: { action: 'retry' } }] }, /must have required property 'max'/],
      [{ ...valid, steps: [{ id: 'a', skill: 'edit', input: { files: '$b.committed' } }, { id: 'b', skill: 'localize' }] }, /refers to "\$b", which is not an earlier step/],
      [{ ...valid, steps: [{ id: 'a', skill: 'edit', onFail: { action: 'retry', max: 1, from: 'zzz' } }] }, /retries from "zzz"/],
      [{ ...valid, steps: [{ id: 'a', skill: 'edit' }, { id: 'a', skill: 'verify' }] }, /step id "a" is used twice/],
      [{ ...valid, name: 'fix' }, /built-in workflow's/],
      [{ ...valid, task: ['constructor'] }, /task fields must be plain names[^]*"constructor"/],
      [{ ...valid, task: ['issue', 'toString'] }, /"toString"/],
      [{ title: 'x', steps: [] }, /must have required property 'name'|must NOT have fewer than 1 items/],
    ];
    for (const [value, expected] of cases) {
      const { workflow, errors } = checkWorkflow(value);
      assert.equal(workflow, undefined);
      assert.match(errors.join('; '), expected);
    }
  });

  it('loads .atomic/workflows/*.json, reporting each invalid file by name and keeping the valid ones', async () => {
    const root = workspace({
      'quick.json': JSON.stringify(valid),
      'broken.json': '{ "name": ',
      'bad.json': JSON.stringify({ ...valid, name: 'other', steps: [{ id: 'x', skill: 'nope' }] }),
      'notes.txt': 'ignored',
    });
    const { workflows, errors } = await loadWorkspaceWorkflows(root);
    assert.deepEqual(workflows.map((w) => w.name), ['quickFix']);
    assert.deepEqual(errors.map((e) => e.file), ['.atomic/workflows/bad.json', '.atomic/workflows/broken.json']);
    assert.match(errors[1].message, /not valid JSON/);
    assert.equal((await findWorkflow(root, 'quickFix')).title, 'Quick Fix');
    assert.equal((await findWorkflow(root, 'fix')).name, 'fix');
    await assert.rejects(findWorkflow(root, 'nope'), /No workflow named "nope"\. Built-in: fix, refactor, secure, addTests; in \.atomic\/workflows: quickFix\.\nInvalid workflow files:\n\.atomic\/workflows\/bad\.json/);
  });
});
