// runNavigationTool over a real code index of a small Python project, with the real file-system workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeIndex } from '../../../src/core/code/codeIndex';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { navigationToolSpecs, runNavigationTool } from '../../../src/core/skills/localize/navigationTools';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeIndexes, indexedSymbol, localizeFixture, refreshedIndex } from './localizeSupport';

const root = localizeFixture('python-billing');
const sibling = localizeFixture('ts-events');
let index: CodeIndex;
let ws: FsWorkspace;
const live = new AbortController().signal;

before(async () => {
  index = await refreshedIndex(root);
  ws = new FsWorkspace(root);
});

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

let callId = 0;
function call(name: string, args: Record<string, unknown>, signal = live): Promise<string> {
  return runNavigationTool(index, ws, { id: `call_${++callId}`, name, arguments: args }, signal);
}

/** The find_symbol line of one index symbol. */
function symbolLine(relPath: string, qualified: string): string {
  const s = indexedSymbol(index, relPath, qualified);
  return `${relPath}:${s.startLine}-${s.endLine} ${s.kind} ${qualified}: ${s.signature}`;
}

describe('navigationToolSpecs', () => {
  it('offers search, symbols, skeletons, reading and listing, each once, described with a verb', () => {
    assert.deepEqual(navigationToolSpecs.map((t) => t.name), ['search_text', 'find_symbol', 'file_skeleton', 'read_file', 'list_directory']);
    for (const spec of navigationToolSpecs) {
      assert.match(spec.description, /^[A-Z][a-z]+ /, spec.name);
      assert.equal((spec.parameters as { type: string }).type, 'object', spec.name);
    }
  });
});

describe('runNavigationTool: search_text', () => {
  it('finds a literal text in indexed files as path:line: text', async () => {
    assert.equal(await call('search_text', { text: 'percent must be between' }), 'billing/invoice.py:38: raise ValueError("percent must be between 0 and 100")');
  });

  it('lists matches across files in path order, and only under a folder when given', async () => {
    assert.equal(
      await call('search_text', { text: 'apply_discount(' }),
      [
        'billing/invoice.py:35: def apply_discount(self, percent):',
        'billing/invoice.py:42: discounted = self.apply_discount(discount_percent) if discount_percent else self.subtotal()',
        'tests/test_invoice.py:16: def test_apply_discount():',
        'tests/test_invoice.py:17: assert make_invoice().apply_discount(10) == 90.0',
        'tests/test_invoice.py:22: make_invoice().apply_discount(150)',
      ].join('\n'),
    );
    assert.equal(
      await call('search_text', { text: 'apply_discount(', path: 'tests/' }),
      'tests/test_invoice.py:16: def test_apply_discount():\ntests/test_invoice.py:17: assert make_invoice().apply_discount(10) == 90.0\ntests/test_invoice.py:22: make_invoice().apply_discount(150)',
    );
    assert.equal(await call('search_text', { text: 'apply_discount(', path: path.join(root, 'billing') }), [
      'billing/invoice.py:35: def apply_discount(self, percent):',
      'billing/invoice.py:42: discounted = self.apply_discount(discount_percent) if discount_percent else self.subtotal()',
    ].join('\n'));
  });

  it('says so when nothing matches', async () => {
    assert.equal(await call('search_text', { text: 'refund_invoice' }), 'No match for "refund_invoice".');
  });

  it('caps the matches and says it did', async () => {
    const dir = makeTempDir('nav-cap');
    fs.writeFileSync(path.join(dir, 'many.py'), Array.from({ length: 55 }, (_, i) => `needle_${i} = ${i}`).join('\n') + '\n');
    const capIndex = await refreshedIndex(dir);
    const text = await runNavigationTool(capIndex, new FsWorkspace(dir), { id: 'c', name: 'search_text', arguments: { text: 'needle_' } }, live);
    const lines = text.split('\n');
    assert.equal(lines.length, 41);
    assert.equal(lines[0], 'many.py:1: needle_0 = 0');
    assert.equal(lines[39], 'many.py:40: needle_39 = 39');
    assert.equal(lines[40], '(first 40 matches)');
  });

  it('answers a missing text with an error the model can act on', async () => {
    assert.equal(await call('search_text', {}), 'Error: search_text: "text" must be a non-empty string.');
    assert.equal(await call('search_text', { text: '   ' }), 'Error: search_text: "text" must be a non-empty string.');
  });
});

describe('runNavigationTool: find_symbol', () => {
  it('finds a definition by exact name, with its lines, kind, owner and signature', async () => {
    const expected = symbolLine('billing/invoice.py', 'Invoice.apply_discount');
    assert.match(expected, /^billing\/invoice\.py:35-39 method Invoice\.apply_discount: def apply_discount\(self, percent\)$/);
    assert.equal(await call('find_symbol', { name: 'apply_discount' }), expected, 'exact: the tests named test_apply_discount* are not matches');
  });

  it('narrows Owner.name to that owner', async () => {
    assert.equal(await call('find_symbol', { name: 'Invoice.total' }), symbolLine('billing/invoice.py', 'Invoice.total'));
    assert.equal(await call('find_symbol', { name: 'LineItem.total' }), symbolLine('billing/invoice.py', 'LineItem.total'));
    const both = (await call('find_symbol', { name: 'total' })).split('\n');
    assert.deepEqual(new Set(both), new Set([symbolLine('billing/invoice.py', 'LineItem.total'), symbolLine('billing/invoice.py', 'Invoice.total')]));
  });

  it('matches substrings only when asked to', async () => {
    const lines = (await call('find_symbol', { name: 'apply_discount', substring: true })).split('\n');
    assert.deepEqual(
      new Set(lines),
      new Set([
        symbolLine('billing/invoice.py', 'Invoice.apply_discount'),
        symbolLine('tests/test_invoice.py', 'test_apply_discount'),
        symbolLine('tests/test_invoice.py', 'test_apply_discount_rejects_bad_percent'),
      ]),
    );
    assert.equal(await call('find_symbol', { name: 'discount' }), 'No definition named "discount".');
  });

  it('says so when no definition has the name, and reports a missing name as an error', async () => {
    assert.equal(await call('find_symbol', { name: 'refund' }), 'No definition named "refund".');
    assert.equal(await call('find_symbol', { name: 42 }), 'Error: find_symbol: "name" must be a non-empty string.');
  });
});

describe('runNavigationTool: file_skeleton', () => {
  it('outlines a file with line numbers, signatures kept and function bodies elided', async () => {
    const text = await call('file_skeleton', { path: 'billing/invoice.py' });
    assert.ok(text.startsWith('billing/invoice.py:\n'), text);
    const lines = text.split('\n').slice(1);
    assert.equal(lines[0], ' 1| from dataclasses import dataclass, field');
    assert.ok(lines.includes('22| class Invoice:'), text);
    assert.ok(lines.includes('35|     def apply_discount(self, percent):'), text);
    assert.ok(!text.includes('round_cents(self.subtotal() * percent / 100)'), 'the body of apply_discount is elided');
    assert.ok(!text.includes('raise ValueError("percent must be between 0 and 100")'), 'the body of apply_discount is elided');
    // Every kept line carries its own number: the numbered lines read back as the file's lines.
    const file = fs.readFileSync(path.join(root, 'billing/invoice.py'), 'utf8').split('\n');
    for (const line of lines) {
      const m = /^\s*(\d+)\| (.*)$/.exec(line);
      assert.ok(m, `unnumbered skeleton line: ${line}`);
      if (!m[2].trim().endsWith('...')) assert.equal(m[2], file[Number(m[1]) - 1], line);
    }
  });

  it('accepts ./ and absolute paths inside the workspace', async () => {
    const plain = await call('file_skeleton', { path: 'billing/currency.py' });
    assert.equal(await call('file_skeleton', { path: './billing/currency.py' }), plain);
    assert.equal(await call('file_skeleton', { path: path.join(root, 'billing', 'currency.py') }), plain);
  });

  it('says so for a file the index does not have', async () => {
    assert.equal(await call('file_skeleton', { path: 'billing/refunds.py' }), 'billing/refunds.py is not an indexed source file.');
  });
});

describe('runNavigationTool: read_file and list_directory', () => {
  it('delegates read_file: numbered lines of the requested range', async () => {
    assert.equal(
      await call('read_file', { path: 'billing/currency.py', startLine: 6, endLine: 8 }),
      'billing/currency.py lines 6-8:\n6: def round_cents(amount):\n7:     """Round an amount to whole cents, half up."""\n8:     return int(amount * 100 + 0.5) / 100\n(13 lines in all; read on with startLine 9)',
    );
  });

  it('delegates list_directory: folders first, then files', async () => {
    assert.equal(await call('list_directory', { path: 'billing' }), 'billing:\n__init__.py\ncurrency.py\ncustomers.py\ninvoice.py');
    assert.equal(await call('list_directory', {}), '.:\nbilling/\ntests/\nREADME.md');
  });
});

describe('runNavigationTool: paths outside the workspace and unknown tools', () => {
  const leaving = '../ts-events/src/eventBus.ts';
  const outside = path.join(sibling, 'src', 'eventBus.ts');

  for (const [tool, args] of [
    ['file_skeleton', (p: string) => ({ path: p })],
    ['read_file', (p: string) => ({ path: p })],
    ['list_directory', (p: string) => ({ path: p })],
    ['search_text', (p: string) => ({ text: 'EventBus', path: p })],
  ] as const) {
    it(`${tool}: a relative path leaving the root is an error text, not a throw`, async () => {
      assert.equal(await call(tool, args(leaving)), `Error: Path ${leaving} leaves the workspace.`);
      assert.equal(await call(tool, args('billing/../../x')), 'Error: Path billing/../../x leaves the workspace.');
    });

    it(`${tool}: an absolute path outside the root is an error text, not a throw`, async () => {
      assert.equal(await call(tool, args(outside)), `Error: Path ${outside} is outside the workspace.`);
    });
  }

  it('answers an unknown tool with the names of every navigation tool', async () => {
    const text = await call('delete_file', { path: 'billing/invoice.py' });
    assert.match(text, /^Unknown tool "delete_file"\./);
    for (const spec of navigationToolSpecs) assert.ok(text.includes(spec.name), `${spec.name} missing from: ${text}`);
    assert.ok(fs.existsSync(path.join(root, 'billing/invoice.py')));
  });

  it('lets a cancellation through instead of turning it into text', async () => {
    const controller = new AbortController();
    controller.abort();
    await rejectsWithReason(call('search_text', { text: 'Invoice' }, controller.signal), 'cancelled');
  });
});
