// runLocalize in retrieval-only mode: the real code index ranks, no model is asked.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runLocalize } from '../../../src/core/skills/localize/localizeSkill';
import { rejectsWithReason } from '../helpers/assertions';
import { closeServers, startServer } from '../helpers/servers';
import { closeIndexes, expectedSymbol, localizeContext, localizeFixture } from './localizeSupport';

after(async () => {
  await closeServers();
  await closeIndexes();
});

const pythonTask = 'Invoice.apply_discount returns the discount instead of the discounted total: a 10% discount on a 100.00 invoice gives 10.00, expected 90.00.';
const tsTask = [
  'Removing one listener drops all the others.',
  'AssertionError: expected 1 listener, got 0',
  '    at EventBus.off (src/eventBus.ts:17:5)',
  '    at Object.<anonymous> (test/eventBus.test.ts:11:7)',
].join('\n');

function assertDescending(scores: number[]): void {
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] >= scores[i], `scores not descending: ${scores.join(', ')}`);
}

describe('runLocalize, retrieval only', () => {
  it('ranks the Python file with the bug first, commits to it, and never calls the model', async () => {
    const server = await startServer({ replies: [{ content: 'must not be asked', times: Infinity }] });
    const ctx = localizeContext(localizeFixture('python-billing'), server);
    const { result, transcript, tools } = await runLocalize({ task: pythonTask, retrievalOnly: true }, ctx);

    assert.equal(server.requests.length, 0, 'no request of any kind reached the model server');
    assert.equal(ctx.indexCalls, 1);
    assert.equal(result.retrievalOnly, true);
    assert.equal(result.files[0].path, 'billing/invoice.py');
    assert.deepEqual(result.committed, ['billing/invoice.py']);
    assert.ok(result.files.some((f) => f.path === 'tests/test_invoice.py'), 'the test that names the method is a candidate too');
    assert.ok(result.files[0].symbols.some((s) => s.name === 'Invoice.apply_discount'), JSON.stringify(result.files[0].symbols));
    assert.equal(result.files[0].score, 1);
    assertDescending(result.files.map((f) => f.score));
    for (const f of result.files) assert.ok(f.reason.length > 0, `${f.path} has a reason`);
    assert.deepEqual(result.dropped, []);
    assert.deepEqual(result.usage, { promptTokens: 0, completionTokens: 0 });
    assert.equal(result.toolCalls, 0);
    assert.equal(result.repaired, false);
    assert.equal(result.model, undefined);
    assert.equal(result.stats.indexedFiles, ctx.index.size);
    assert.ok(result.stats.candidates >= result.files.length);
    assert.deepEqual(transcript, []);
    assert.equal(tools, undefined);
  });

  it('reports candidate symbols with the line ranges of the index, qualified by their owner', async () => {
    const server = await startServer();
    const ctx = localizeContext(localizeFixture('python-billing'), server);
    const { result } = await runLocalize({ task: pythonTask, retrievalOnly: true }, ctx);
    const symbol = result.files[0].symbols.find((s) => s.name === 'Invoice.apply_discount');
    assert.deepEqual(symbol, expectedSymbol(ctx.index, 'billing/invoice.py', 'Invoice.apply_discount'));
  });

  it('follows a stack trace in a TypeScript project to the method that fails', async () => {
    const server = await startServer();
    const ctx = localizeContext(localizeFixture('ts-events'), server);
    const { result } = await runLocalize({ task: tsTask, retrievalOnly: true }, ctx);
    assert.equal(result.files[0].path, 'src/eventBus.ts');
    assert.deepEqual(result.committed, ['src/eventBus.ts']);
    assert.deepEqual(
      result.files[0].symbols.find((s) => s.name === 'EventBus.off'),
      expectedSymbol(ctx.index, 'src/eventBus.ts', 'EventBus.off'),
    );
    assert.ok(!result.files.some((f) => f.path === 'src/retry.ts' && f.score >= result.files[0].score));
    assert.equal(server.requests.length, 0);
  });

  it('honours top, clamped to at least one file', async () => {
    const server = await startServer();
    const root = localizeFixture('python-billing');
    const all = (await runLocalize({ task: pythonTask, retrievalOnly: true }, localizeContext(root, server))).result.files;
    assert.ok(all.length >= 3, `the fixture yields several candidates: ${all.map((f) => f.path).join(', ')}`);
    const two = (await runLocalize({ task: pythonTask, retrievalOnly: true, top: 2 }, localizeContext(root, server))).result.files;
    assert.deepEqual(two, all.slice(0, 2));
    const zero = (await runLocalize({ task: pythonTask, retrievalOnly: true, top: 0 }, localizeContext(root, server))).result.files;
    assert.deepEqual(zero.map((f) => f.path), [all[0].path]);
  });

  it('refuses an empty task before indexing, and a context without the code index', async () => {
    const server = await startServer();
    const ctx = localizeContext(localizeFixture('python-billing'), server);
    await rejectsWithReason(runLocalize({ task: '  \n ', retrievalOnly: true }, ctx), 'usage', /needs a task/);
    assert.equal(ctx.indexCalls, 0);
    await rejectsWithReason(runLocalize({ task: pythonTask }, { ...ctx, codeIndex: undefined }), 'configuration', /code index/);
    assert.equal(server.requests.length, 0);
  });
});
