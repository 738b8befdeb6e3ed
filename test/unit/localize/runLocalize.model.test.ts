// runLocalize with the model: the real code index, the real file system and the OpenAI-compatible model
// against the scripted server. Tool calls, symbol resolution and path checks.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ChatMessage } from '../../../src/core/model/types';
import { runLocalize } from '../../../src/core/skills/localize/localizeSkill';
import { navigationToolSpecs } from '../../../src/core/skills/localize/navigationTools';
import { rejectsWithReason } from '../helpers/assertions';
import { closeServers, messageTexts, startServer } from '../helpers/servers';
import { closeIndexes, expectedSymbol, indexedSymbol, localizationReply, localizeContext, localizeFixture } from './localizeSupport';

after(async () => {
  await closeServers();
  await closeIndexes();
});

const root = localizeFixture('python-billing');
const task = 'Invoice.apply_discount returns the discount instead of the discounted total: a 10% discount on a 100.00 invoice gives 10.00, expected 90.00.';

type WireMessage = { role: string; content?: string; tool_call_id?: string; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> };

describe('runLocalize with the model', () => {
  it('runs a find_symbol call, sends its result to the model, then parses the answer', async () => {
    const answer = localizationReply(
      [
        { path: 'billing/invoice.py', reason: 'apply_discount returns the discount amount', symbols: ['Invoice.apply_discount'] },
        { path: 'tests/test_invoice.py', reason: 'the failing test', symbols: ['test_apply_discount'] },
      ],
      ['billing/invoice.py'],
    );
    const server = await startServer({
      replies: [
        { when: { hasTools: true, lastUserIncludes: '<task>' }, toolCalls: [{ name: 'find_symbol', arguments: { name: 'Invoice.apply_discount' } }] },
        { when: { toolResultIncludes: 'method Invoice.apply_discount' }, content: answer },
      ],
    });
    const ctx = localizeContext(root, server);
    const { result, transcript, tools } = await runLocalize({ task, activeFile: 'tests/test_invoice.py' }, ctx);

    const s = indexedSymbol(ctx.index, 'billing/invoice.py', 'Invoice.apply_discount');
    const [first, second] = server.chatRequests();
    assert.equal(server.chatRequests().length, 2);
    // The first request: the task, the open file and retrieval's candidates; the five navigation tools.
    assert.deepEqual(first.body.tools.map((t: { function: { name: string } }) => t.function.name), navigationToolSpecs.map((t) => t.name));
    const user = messageTexts(first.body)[1];
    assert.ok(user.startsWith(`user: <task>\n${task}\n</task>`), user);
    assert.match(user, /The user has tests\/test_invoice\.py open\./);
    assert.match(user, /^1\. billing\/invoice\.py — /m);
    // The second request carries the index's answer to the call as the tool result.
    const toolMessage = (second.body.messages as WireMessage[]).find((m) => m.role === 'tool')!;
    assert.equal(toolMessage.content, `billing/invoice.py:${s.startLine}-${s.endLine} method Invoice.apply_discount: def apply_discount(self, percent)`);
    const assistant = (second.body.messages as WireMessage[]).find((m) => m.role === 'assistant' && m.tool_calls)!;
    assert.equal(assistant.tool_calls![0].id, toolMessage.tool_call_id);
    assert.equal(assistant.tool_calls![0].function.name, 'find_symbol');

    assert.deepEqual(result.files, [
      { path: 'billing/invoice.py', score: 1, reason: 'apply_discount returns the discount amount', symbols: [expectedSymbol(ctx.index, 'billing/invoice.py', 'Invoice.apply_discount')] },
      { path: 'tests/test_invoice.py', score: 0.5, reason: 'the failing test', symbols: [expectedSymbol(ctx.index, 'tests/test_invoice.py', 'test_apply_discount')] },
    ]);
    assert.deepEqual(result.committed, ['billing/invoice.py']);
    assert.deepEqual(result.dropped, []);
    assert.equal(result.retrievalOnly, false);
    assert.equal(result.toolCalls, 1);
    assert.equal(result.repaired, false);
    assert.deepEqual(result.model, { backend: 'openai', model: 'scripted-model', endpoint: server.url });
    assert.ok(result.usage.promptTokens > 0 && result.usage.completionTokens > 0);
    assert.equal(result.stats.indexedFiles, ctx.index.size);
    assert.deepEqual(transcript.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'assistant']);
    assert.equal((transcript[3] as Extract<ChatMessage, { role: 'tool' }>).content, toolMessage.content);
    assert.equal(transcript[4].content, answer);
    assert.equal(tools, navigationToolSpecs);
    assert.ok(ctx.progressLines.includes('find_symbol Invoice.apply_discount'), ctx.progressLines.join(' | '));
  });

  it('resolves "Class.method", dotted module paths and bare names to the index\'s line ranges', async () => {
    const answer = localizationReply([
      {
        path: 'billing/invoice.py',
        reason: 'the discount',
        symbols: [
          'Invoice.total',
          'apply_discount',
          'billing.invoice.Invoice.subtotal',
          { name: 'Invoice.render', startLine: 1, endLine: 2 },
          'Invoice.apply_discount',
          'Invoice.refund',
          'display_name',
        ],
      },
      { path: 'billing/currency.py', reason: 'rounding', symbols: ['round_cents', { name: 'format_amount' }] },
    ]);
    const server = await startServer({ replies: [{ content: answer }] });
    const ctx = localizeContext(root, server);
    const { result } = await runLocalize({ task }, ctx);
    const at = (file: string, name: string) => expectedSymbol(ctx.index, file, name);
    assert.deepEqual(result.files[0].symbols, [
      // The owner picks Invoice.total over LineItem.total, which comes first in the file.
      at('billing/invoice.py', 'Invoice.total'),
      at('billing/invoice.py', 'Invoice.apply_discount'),
      at('billing/invoice.py', 'Invoice.subtotal'),
      // Lines the model wrote are replaced by the index's.
      at('billing/invoice.py', 'Invoice.render'),
      // The repeated apply_discount, the unknown method and a symbol of another file are left out.
    ]);
    assert.notDeepEqual(at('billing/invoice.py', 'Invoice.total'), { ...at('billing/invoice.py', 'LineItem.total'), name: 'Invoice.total' });
    assert.deepEqual(result.files[1].symbols, [at('billing/currency.py', 'round_cents'), at('billing/currency.py', 'format_amount')]);
  });

  it('drops paths that do not exist or leave the workspace, reports them, and normalises the rest', async () => {
    const answer = localizationReply(
      [
        { path: 'billing/discounts.py', reason: 'invented' },
        { path: './billing/invoice.py', reason: 'the bug' },
        { path: '../ts-events/src/eventBus.ts', reason: 'outside' },
        { path: path.join(root, 'tests', 'test_invoice.py'), reason: 'absolute, inside' },
        { path: 'billing/invoice.py', reason: 'again' },
        { path: '/etc/passwd', reason: 'outside' },
        { path: 'billing\\currency.py', reason: 'backslashes' },
      ],
      ['billing/invoice.py'],
    );
    const server = await startServer({ replies: [{ content: answer }] });
    const { result } = await runLocalize({ task }, localizeContext(root, server));
    assert.deepEqual(
      result.files.map((f) => [f.path, f.score, f.reason]),
      [
        ['billing/invoice.py', 1, 'the bug'],
        ['tests/test_invoice.py', 0.667, 'absolute, inside'],
        ['billing/currency.py', 0.333, 'backslashes'],
      ],
    );
    assert.deepEqual(result.dropped.map((d) => d.path), ['billing/discounts.py', '../ts-events/src/eventBus.ts', '/etc/passwd']);
    assert.match(result.dropped[0].reason, /no such file in the workspace/);
    assert.match(result.dropped[1].reason, /leaves the workspace/);
    assert.match(result.dropped[2].reason, /outside the workspace/);
    for (let i = 1; i < result.files.length; i++) assert.ok(result.files[i - 1].score > result.files[i].score, 'scores strictly descend');
  });

  it('fails with modelReplyMalformed when no named file exists', async () => {
    const answer = localizationReply([{ path: 'billing/discounts.py' }, { path: '../outside.py' }], ['billing/discounts.py']);
    const server = await startServer({ replies: [{ content: answer }] });
    await rejectsWithReason(runLocalize({ task }, localizeContext(root, server)), 'modelReplyMalformed', /None of the files the model named exist: billing\/discounts\.py, \.\.\/outside\.py\./);
    assert.equal(server.chatRequests().length, 1, 'a readable answer with wrong paths is not repaired');
  });

  it('keeps only committed files the index has, normalised and once each', async () => {
    const answer = localizationReply(
      [{ path: 'billing/invoice.py' }, { path: 'billing/currency.py' }],
      ['billing/currency.py', 'billing/discounts.py', '../ts-events/src/index.ts', './billing/currency.py', 'README.md', '/etc/hosts'],
    );
    const server = await startServer({ replies: [{ content: answer }] });
    const { result } = await runLocalize({ task }, localizeContext(root, server));
    assert.deepEqual(result.committed, ['billing/currency.py', 'README.md']);
    assert.equal(result.files[0].reason, 'named by the model', 'a file without a reason gets a default one');
  });

  it('commits to the first existing file when no committed entry exists', async () => {
    const answer = localizationReply([{ path: 'billing/discounts.py' }, { path: 'billing/invoice.py' }, { path: 'billing/currency.py' }], ['billing/discounts.py']);
    const server = await startServer({ replies: [{ content: answer }] });
    const { result } = await runLocalize({ task }, localizeContext(root, server));
    assert.deepEqual(result.committed, ['billing/invoice.py']);
    assert.deepEqual(result.dropped.map((d) => d.path), ['billing/discounts.py']);
  });

  it('returns at most top files, keeping the committed set whole', async () => {
    const answer = localizationReply(
      [{ path: 'billing/invoice.py' }, { path: 'billing/currency.py' }, { path: 'tests/test_invoice.py' }],
      ['billing/invoice.py', 'tests/test_invoice.py'],
    );
    const server = await startServer({ replies: [{ content: answer }] });
    const { result } = await runLocalize({ task, top: 2 }, localizeContext(root, server));
    assert.deepEqual(result.files.map((f) => f.path), ['billing/invoice.py', 'billing/currency.py']);
    assert.deepEqual(result.committed, ['billing/invoice.py', 'tests/test_invoice.py']);
  });

  it('offers no tools when maxToolTurns is 0', async () => {
    const server = await startServer({ replies: [{ when: { hasTools: false }, content: localizationReply([{ path: 'billing/invoice.py' }]) }] });
    const ctx = localizeContext(root, server, { settings: { 'atomicSkills.localize.maxToolTurns': 0 } });
    const { result } = await runLocalize({ task }, ctx);
    assert.deepEqual(result.committed, ['billing/invoice.py']);
    assert.equal(server.chatRequests().length, 1);
    assert.equal(server.chatRequests()[0].body.tools, undefined);
    const system: string = server.chatRequests()[0].body.messages[0].content;
    assert.doesNotMatch(system, /read-only tools|at most 0 rounds/, 'the prompt promises no tools it does not offer');
    assert.match(system, /You have no tools this time/);
  });

  it('localizes in the TypeScript project after reading a skeleton', async () => {
    const tsRoot = localizeFixture('ts-events');
    const server = await startServer({
      replies: [
        { when: { hasTools: true, lastUserIncludes: '<task>' }, toolCalls: [{ name: 'file_skeleton', arguments: { path: 'src/eventBus.ts' } }] },
        {
          when: { toolResultIncludes: 'src/eventBus.ts:\n' },
          content: localizationReply([{ path: 'src/eventBus.ts', reason: 'off keeps the wrong listeners', symbols: ['EventBus.off'] }]),
        },
      ],
    });
    const ctx = localizeContext(tsRoot, server);
    const { result } = await runLocalize({ task: 'Calling bus.off(event, listener) removes every other listener of that event.' }, ctx);
    const toolMessage = (server.chatRequests()[1].body.messages as WireMessage[]).find((m) => m.role === 'tool')!;
    const off = indexedSymbol(ctx.index, 'src/eventBus.ts', 'EventBus.off');
    assert.ok(toolMessage.content!.split('\n').some((l) => new RegExp(`^\\s*${off.startLine}\\|\\s+off<K extends keyof Events>`).test(l)), toolMessage.content);
    assert.deepEqual(result.files, [
      { path: 'src/eventBus.ts', score: 1, reason: 'off keeps the wrong listeners', symbols: [expectedSymbol(ctx.index, 'src/eventBus.ts', 'EventBus.off')] },
    ]);
    assert.deepEqual(result.committed, ['src/eventBus.ts']);
  });
});
