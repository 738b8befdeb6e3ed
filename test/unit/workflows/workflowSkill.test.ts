// A workflow is declared like a skill: what the surfaces need comes from its JSON and its steps,
// and what a surface provides (the question, step events, recording) reaches the runner through the context.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposedNewFile } from '../../../src/core/diff/proposedFile';
import { workflowSkills } from '../../../src/core/skills/skillsAndWorkflows';
import type { SkillContext, StepSkillDefinition } from '../../../src/core/skills/skillTypes';
import { workflowSkill } from '../../../src/core/workflows/workflowSkill';
import type { StepEvent, WorkflowDefinition, WorkflowStep } from '../../../src/core/workflows/workflowTypes';

interface NoteResult { attempt: number; text: string }

/** Proposes note.txt; its check passes from the second attempt on; recorded (it declares feedback). */
function noter(): StepSkillDefinition<{ text: string }, NoteResult> {
  let attempt = 0;
  return {
    id: 'note',
    needs: ['run'],
    inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
    run: async (input) => ({ result: { attempt: ++attempt, text: input.text }, transcript: [{ role: 'user', content: input.text }] }),
    summarize: (r) => r.text,
    check: (r) => ({ name: 'secondTime', passed: r.attempt >= 2, detail: r.attempt >= 2 ? undefined : 'first attempts fail' }),
    proposes: (r) => [proposedNewFile('note.txt', `${r.text}\n`)],
    feedback: () => ({ files: [], metrics: {}, labels: [] }),
  };
}

/** Reads the repository's changes when there are any. */
const reader: StepSkillDefinition<Record<string, never>, { ok: true }> = {
  id: 'reader', needs: ['git'], inputSchema: { type: 'object', properties: {} },
  run: async () => ({ result: { ok: true }, transcript: [] }),
  summarize: () => 'read', check: () => ({ name: 'read', passed: true }),
};

const surface = {
  commandId: 'atomicSkills.writeNote', chatCommand: { name: 'note', description: 'Write a note' },
  toolName: 'atomicSkills_writeNote', toolReferenceName: 'writeNote', userDescription: 'Writes a note.', modelDescription: 'Write a note.',
};

const def: WorkflowDefinition = {
  name: 'noteFlow', title: 'Note Flow', description: '', task: ['issue'], surface,
  steps: [
    { id: 'read', skill: 'reader', input: {}, onFail: { action: 'stop' } },
    { id: 'write', skill: 'note', input: { text: '$task.issue' }, onFail: { action: 'ask' } },
  ],
};

function context(overrides: Partial<SkillContext>): SkillContext {
  return { model: undefined as never, workspace: { root: '/nonexistent' } as never, settings: {} as never, signal: new AbortController().signal, surface: 'command', ...overrides };
}

const skillsOf = () => {
  const note = noter();
  return (id: string) => [note, reader].find((s) => s.id === id);
};

describe('a workflow as a declaration', () => {
  it('carries its JSON surface, takes its task fields as input, and needs what its steps need (git optional)', () => {
    const w = workflowSkill(def, skillsOf());
    assert.equal(w.id, 'noteFlow');
    assert.equal(w.title, 'Note Flow');
    assert.equal(w.toolDisplayName, 'Note Flow', 'the title, when the surface names no display name');
    assert.equal(w.commandId, 'atomicSkills.writeNote');
    assert.deepEqual(w.needs, ['run']);
    assert.deepEqual(w.optionalNeeds, ['git']);
    assert.deepEqual((w.inputSchema as { required: string[] }).required, ['issue']);
    assert.throws(() => workflowSkill({ ...def, surface: undefined }), /declares no surface/);
  });

  it('asks, reports steps and records through the context; its check is the status, it proposes the patch', async () => {
    const asked: string[] = [];
    const events: StepEvent[] = [];
    const progress: string[] = [];
    let recorded = 0;
    const w = workflowSkill(def, skillsOf());
    const run = await w.run({ issue: 'hello' }, context({
      askOnFailure: async (step: WorkflowStep, failure: string) => { asked.push(`${step.id}: ${failure}`); return 'retry'; },
      onStep: (e) => events.push(e),
      progress: (m) => progress.push(m),
      record: async (skill) => (skill.feedback ? `record-${++recorded}` : undefined),
    }));
    assert.equal(run.result.status, 'succeeded');
    assert.deepEqual(asked, ['write: first attempts fail']);
    assert.deepEqual(events.map((e) => `${e.step.id}${e.record ? `:${e.record.status}` : ''}`), ['read', 'read:passed', 'write', 'write:failed', 'write', 'write:passed']);
    assert.deepEqual(progress, ['Note Flow: read…', 'Note Flow: write…', 'Note Flow: write (attempt 2)…']);
    assert.deepEqual(run.recordIds, ['record-1', 'record-2'], 'only the step that declares feedback is recorded, once per attempt');
    assert.deepEqual(w.check(run.result), { name: 'workflow', passed: true });
    assert.deepEqual(w.proposes!(run.result).map((f) => f.path), ['note.txt']);
    assert.match(w.summarize(run.result), /\*\*Note Flow: done\.\*\*[\s\S]*```diff[\s\S]*\+hello/);
    const forModel = w.toolResult!(run.result) as { steps: object[] };
    assert.ok(forModel.steps.every((s) => !('output' in s)), 'a tool result leaves the steps\' full outputs out');
  });

  it('without anyone to ask, a step whose policy is ask stops the workflow, and the check says where and why', async () => {
    const w = workflowSkill(def, skillsOf());
    const run = await w.run({ issue: 'hello' }, context({}));
    assert.equal(run.result.status, 'failed');
    assert.deepEqual(w.check(run.result), { name: 'workflow', passed: false, detail: 'failed at the write step: first attempts fail' });
    assert.deepEqual(w.proposes!(run.result), []);
  });

  it('the built-ins run code and index the workspace; those that review read the changes when there are any', () => {
    for (const w of workflowSkills) assert.deepEqual(w.needs, ['index', 'run'], w.id);
    assert.deepEqual(Object.fromEntries(workflowSkills.map((w) => [w.id, w.optionalNeeds])), { fix: ['git'], refactor: ['git'], secure: ['git'], addTests: [] });
  });
});
