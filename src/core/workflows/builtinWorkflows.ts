import type { WorkflowDefinition } from './workflowTypes';

/** The four workflows SKILLS.md names, as data. */
export const builtinWorkflows: WorkflowDefinition[] = [
  {
    name: 'fix',
    title: 'Fix Bug',
    description: 'Localize the bug, reproduce it (fail-before), edit, verify (the reproduction passes and the existing tests of the touched code pass), review, and present the patch.',
    task: ['issue'],
    steps: [
      { id: 'localize', skill: 'localize', input: { task: '$task.issue' }, onFail: { action: 'stop' } },
      { id: 'reproduce', skill: 'reproduce', input: { issue: '$task.issue' }, onFail: { action: 'ask' } },
      { id: 'edit', skill: 'edit', input: { instruction: '$task.issue', files: '$localize.committed' }, onFail: { action: 'retry', max: 1, then: 'stop' } },
      { id: 'verify', skill: 'verify', input: { edit: '$edit', reproduction: '$reproduce' }, onFail: { action: 'retry', max: 2, from: 'edit', then: 'stop' } },
      { id: 'review', skill: 'review', input: { edit: '$edit', intent: '$task.issue' }, onFail: { action: 'retry', max: 1, from: 'edit', then: 'ask' } },
    ],
  },
  {
    name: 'refactor',
    title: 'Refactor',
    description: 'Localize the code, edit it, verify that the existing tests are unchanged and still pass, review.',
    task: ['issue'],
    steps: [
      { id: 'localize', skill: 'localize', input: { task: '$task.issue' }, onFail: { action: 'stop' } },
      { id: 'edit', skill: 'edit', input: { instruction: '$task.issue', files: '$localize.committed' }, onFail: { action: 'retry', max: 1, then: 'stop' } },
      { id: 'verify', skill: 'verify', input: { edit: '$edit', requireTests: true, testsUnchanged: true }, onFail: { action: 'retry', max: 2, from: 'edit', then: 'stop' } },
      { id: 'review', skill: 'review', input: { edit: '$edit', intent: '$task.issue' }, onFail: { action: 'retry', max: 1, from: 'edit', then: 'ask' } },
    ],
  },
  {
    name: 'secure',
    title: 'Security Fix',
    description: 'Review the current changes with a security focus, localize the weakness, edit, verify, and review the fix.',
    task: ['issue'],
    steps: [
      { id: 'audit', skill: 'review', input: { focus: 'security', intent: '$task.issue' }, onFail: { action: 'continue' } },
      { id: 'localize', skill: 'localize', input: { task: '$task.issue' }, onFail: { action: 'stop' } },
      { id: 'edit', skill: 'edit', input: { instruction: '$task.issue', files: '$localize.committed' }, onFail: { action: 'retry', max: 1, then: 'stop' } },
      { id: 'verify', skill: 'verify', input: { edit: '$edit' }, onFail: { action: 'retry', max: 2, from: 'edit', then: 'stop' } },
      { id: 'review', skill: 'review', input: { edit: '$edit', intent: '$task.issue', focus: 'security' }, onFail: { action: 'retry', max: 1, from: 'edit', then: 'ask' } },
    ],
  },
  {
    name: 'addTests',
    title: 'Add Tests',
    description: 'Localize the code the task names (untested code first) and generate mutation-checked tests for it.',
    task: ['issue'],
    steps: [
      { id: 'localize', skill: 'localize', input: { task: '$task.issue' }, onFail: { action: 'stop' } },
      { id: 'tests', skill: 'tests', input: { target: '$localize.committed.0', symbol: '$localize.files.0.symbols.0.name', behaviour: '$task.issue' }, onFail: { action: 'retry', max: 1, then: 'stop' } },
    ],
  },
];
