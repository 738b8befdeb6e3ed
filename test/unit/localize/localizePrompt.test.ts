import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CandidateFile } from '../../../src/core/code/retrieve';
import type { ChatMessage } from '../../../src/core/model/types';
import { buildLocalizeMessages, buildLocalizeRepairMessage, localizationFormat } from '../../../src/core/skills/localize/localizePrompt';
import { sharedRules } from '../../../src/core/skills/promptRules';
import { parseLocalizationReply } from '../../../src/core/skills/localize/parseLocalization';
import { assertMatchesSnapshot } from '../helpers/snapshot';

// Fixed candidates, as retrieval would hand them over: with a contained and a top-level symbol, and without symbols.
const candidates: CandidateFile[] = [
  {
    path: 'billing/invoice.py',
    score: 1,
    reason: 'defines `apply_discount`, `Invoice`; path matches',
    symbols: [
      { name: 'apply_discount', kind: 'method', container: 'Invoice', startLine: 35, endLine: 39 },
      { name: 'Invoice', kind: 'class', startLine: 22, endLine: 48 },
    ],
  },
  { path: 'tests/test_invoice.py', score: 0.4, reason: 'mentions discount, invoice', symbols: [{ name: 'test_apply_discount', kind: 'function', startLine: 16, endLine: 17 }] },
  { path: 'billing/currency.py', score: 0.1, reason: 'mentions invoice', symbols: [] },
];

const task = '  Invoice.apply_discount returns the discount instead of the discounted total:\na 10% discount on 100.00 gives 10.00, expected 90.00.\n\n';

function render(messages: ChatMessage[]): string {
  return messages.map((m) => `===== ${m.role} =====\n${m.content}\n`).join('\n');
}

describe('buildLocalizeMessages', () => {
  it('builds the full prompt: task, open file, ranked candidates with symbols (snapshot)', () => {
    const messages = buildLocalizeMessages({ task, candidates, activeFile: 'billing/invoice.py', maxToolTurns: 8 });
    assertMatchesSnapshot('localize/prompt-full.txt', render(messages));
  });

  it('builds the prompt without candidates or an open file (snapshot)', () => {
    const messages = buildLocalizeMessages({ task: 'Make the retry delay configurable.', candidates: [], maxToolTurns: 3 });
    assertMatchesSnapshot('localize/prompt-no-candidates.txt', render(messages));
  });

  it('is one system and one user message; the task is trimmed and fenced', () => {
    const messages = buildLocalizeMessages({ task, candidates, maxToolTurns: 8 });
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user']);
    assert.ok(
      messages[1].content.startsWith('<task>\nInvoice.apply_discount returns the discount instead of the discounted total:\na 10% discount on 100.00 gives 10.00, expected 90.00.\n</task>\n\n'),
      messages[1].content,
    );
  });

  it('puts the system rules, the tool budget and the answer format in the system message', () => {
    const [system] = buildLocalizeMessages({ task, candidates, maxToolTurns: 5 });
    assert.ok(system.content.includes(sharedRules));
    assert.ok(system.content.includes(localizationFormat));
    assert.match(system.content, /at most 5 rounds/);
    assert.doesNotMatch(buildLocalizeMessages({ task, candidates, maxToolTurns: 12 })[0].content, /at most 5 rounds/);
    assert.doesNotMatch(system.content, /no tools/);
  });

  it('promises no tools when the budget is zero', () => {
    const [system] = buildLocalizeMessages({ task, candidates, maxToolTurns: 0 });
    assert.doesNotMatch(system.content, /read-only tools|at most 0 rounds/);
    assert.match(system.content, /You have no tools this time: decide from the task and the candidates\./);
    assert.ok(system.content.includes(localizationFormat));
  });

  it('ranks the candidates in order and names their symbols with owner, kind and lines', () => {
    const [, user] = buildLocalizeMessages({ task, candidates, maxToolTurns: 8 });
    const body = user.content;
    assert.ok(
      body.includes(
        '1. billing/invoice.py — defines `apply_discount`, `Invoice`; path matches\n   likely symbols: Invoice.apply_discount (method, lines 35-39); Invoice (class, lines 22-48)\n2. tests/test_invoice.py',
      ),
      body,
    );
    assert.ok(body.endsWith('3. billing/currency.py — mentions invoice'), 'a candidate without symbols has no symbol line');
  });

  it('mentions the open file only when there is one, and says so when retrieval found nothing', () => {
    const withFile = buildLocalizeMessages({ task, candidates: [], activeFile: 'src/retry.ts', maxToolTurns: 8 })[1].content;
    const without = buildLocalizeMessages({ task, candidates: [], maxToolTurns: 8 })[1].content;
    assert.match(withFile, /The user has src\/retry\.ts open\./);
    assert.doesNotMatch(without, /The user has/);
    assert.match(without, /found no candidate; search for yourself\.$/);
    assert.doesNotMatch(without, /Candidates from a search/);
  });

  it('demands the format that parseLocalizationReply reads', () => {
    const outcome = parseLocalizationReply(localizationFormat);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.problem);
    assert.deepEqual(outcome.value, {
      files: [{ path: 'dir/file.ext', reason: 'one line: why this file needs the change', symbols: [{ name: 'Class.method' }, { name: 'function_name' }] }],
      committed: ['dir/file.ext'],
    });
  });
});

describe('buildLocalizeRepairMessage', () => {
  it('names the problem and repeats the format (snapshot)', () => {
    const message = buildLocalizeRepairMessage('"files" must be a JSON array.');
    assert.equal(message.role, 'user');
    assert.ok(message.content.startsWith('Your answer could not be read: "files" must be a JSON array.\n'));
    assert.ok(message.content.endsWith(localizationFormat));
    assertMatchesSnapshot('localize/repair.txt', message.content + '\n');
  });
});
