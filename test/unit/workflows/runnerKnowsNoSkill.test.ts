// The workflow runner composes skills through their declarations alone (check, retry feedback
// field, proposal, needs): two throwaway skills declared only here run as a workflow.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { proposedNewFile } from '../../../src/core/diff/proposedFile';
import type { ChangeScope } from '../../../src/core/ports/changeSource';
import type { SkillContext, StepSkillDefinition } from '../../../src/core/skills/skillTypes';
import { runWorkflow } from '../../../src/core/workflows/workflowRunner';
import type { WorkflowDefinition } from '../../../src/core/workflows/workflowTypes';

interface CountInput { goal: string; unknownToSchema?: string }
interface CountResult { count: number; goal: string }

/** Proposes notes/<n>.txt; its check passes from the third attempt on. */
function counter(calls: CountInput[]): StepSkillDefinition<CountInput, CountResult> {
  return {
    id: 'count',
    needs: [],
    inputSchema: { type: 'object', properties: { goal: { type: 'string' } }, required: ['goal'] },
    run: async (input) => { calls.push(input); return { result: { count: calls.length, goal: input.goal }, transcript: [] }; },
    summarize: (r) => `count ${r.count}`,
    check: (r) => ({ name: 'reachedThree', passed: r.count >= 3, detail: r.count >= 3 ? undefined : `only ${r.count}` }),
    retryFeedbackField: 'goal',
    proposes: (r) => [proposedNewFile(`notes/${r.count}.txt`, `${r.count}\n`)],
  };
}

/** Reads the repository's changes (needs git): after a proposal, that is the proposal's patch. */
function differ(seen: string[]): StepSkillDefinition<Record<string, never>, { diff: string }> {
  return {
    id: 'differ',
    needs: ['git'],
    inputSchema: { type: 'object', properties: {} },
    run: async (_input, ctx) => {
      const diff = await ctx.changes!.diff({ kind: 'uncommitted' } as ChangeScope, ctx.signal);
      seen.push(diff);
      return { result: { diff }, transcript: [] };
    },
    summarize: () => 'diff',
    check: (r) => ({ name: 'hasDiff', passed: r.diff.length > 0 }),
  };
}

const context = (root: string): SkillContext => ({
  model: undefined as never, // the throwaway skills never call a model
  workspace: { root } as never,
  changes: { root, diff: async () => 'the working tree diff' },
  settings: {} as never,
  signal: new AbortController().signal,
  surface: 'cli',
});

describe('the workflow runner knows no skill by name', () => {
  it('judges by the declared check, retries with feedback in the declared field, passes the proposal on as changes and returns it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-runner-'));
    const calls: CountInput[] = [];
    const seen: string[] = [];
    const skills = [counter(calls), differ(seen)];
    const def: WorkflowDefinition = {
      name: 'throwaway', title: 'Throwaway', description: '', task: ['issue'],
      steps: [
        { id: 'before', skill: 'differ', input: {}, onFail: { action: 'stop' } },
        { id: 'count', skill: 'count', input: { goal: '$task.issue', unknownToSchema: 'dropped' }, onFail: { action: 'retry', max: 2, then: 'stop' } },
        { id: 'after', skill: 'differ', input: {}, onFail: { action: 'stop' } },
      ],
    };
    const result = await runWorkflow(def, { issue: 'reach three' }, { context: context(root), skills: (id) => skills.find((s) => s.id === id) });
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(result.steps.map((s) => `${s.step}:${s.status}:${s.check.name}`),
      ['before:passed:hasDiff', 'count:failed:reachedThree', 'count:failed:reachedThree', 'count:passed:reachedThree', 'after:passed:hasDiff']);
    assert.equal(calls[0].goal, 'reach three');
    assert.equal(calls[0].unknownToSchema, undefined, 'input the schema does not declare is not passed');
    assert.match(calls[1].goal, /^reach three\n\nA previous attempt failed: count: only 1$/);
    assert.match(calls[2].goal, /A previous attempt failed: count: only 2$/);
    assert.equal(seen[0], 'the working tree diff', 'before any proposal, the changes are the repository\'s');
    assert.match(seen[1], /\+\+\+ b\/notes\/3\.txt/, 'after it, the changes are the proposal');
    assert.deepEqual(result.files.map((f) => f.path), ['notes/3.txt']);
    assert.match(result.patch, /^\+3$/m);
    assert.deepEqual(fs.readdirSync(root), [], 'nothing was written');
  });

  it('a step naming a skill nobody declared is a configuration error naming it', async () => {
    const def: WorkflowDefinition = { name: 'w', title: 'W', description: '', task: ['issue'], steps: [{ id: 's', skill: 'nope', input: {}, onFail: { action: 'stop' } }] };
    await assert.rejects(runWorkflow(def, { issue: 'x' }, { context: context('/nonexistent'), skills: () => undefined }), /step s names the unknown skill "nope"/);
  });

  it('a failed proposing step withdraws its earlier proposal', async () => {
    let n = 0;
    const flaky: StepSkillDefinition<{ goal: string }, { ok: boolean }> = {
      id: 'flaky', needs: [], inputSchema: { type: 'object', properties: { goal: {} } },
      run: async () => ({ result: { ok: ++n === 1 }, transcript: [] }),
      summarize: () => '', check: (r) => ({ name: 'ok', passed: r.ok }),
      proposes: () => [proposedNewFile('a.txt', 'a\n')],
    };
    const def: WorkflowDefinition = { name: 'w', title: 'W', description: '', task: ['issue'], steps: [
      { id: 'one', skill: 'flaky', input: {}, onFail: { action: 'stop' } },
      { id: 'two', skill: 'flaky', input: {}, onFail: { action: 'continue' } },
    ] };
    const result = await runWorkflow(def, { issue: 'x' }, { context: context('/nonexistent'), skills: () => flaky });
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(result.files, [], 'the second attempt failed, so nothing is proposed');
  });
});
