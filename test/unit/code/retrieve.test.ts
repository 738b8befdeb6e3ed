import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeIndex } from '../../../src/core/code/codeIndex';
import { retrieveCandidates } from '../../../src/core/code/retrieve';
import { RetrievalSnapshot } from '../../../src/core/code/retrievalSnapshot';
import { hashTerm } from '../../../src/core/code/textTerms';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeIndexes, indexFixture, openIndex, writeTree } from './codeSupport';

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

const paths = (index: CodeIndex, text: string) => retrieveCandidates(index, text).files.map((f) => f.path);

describe('retrieval on the Python fixture', () => {
  let index: CodeIndex;
  before(async () => {
    index = await indexFixture('python');
  });

  it('ranks the file defining a named function first, with that function as its likely symbol', () => {
    const result = retrieveCandidates(index, 'apply_discount rounds 0.5 cents the wrong way\n\n`apply_discount(999, 10)` gives 899, expected 900.');
    const top = result.files[0];
    assert.equal(top.path, 'inventory/pricing.py');
    assert.equal(top.score, 1);
    assert.match(top.reason, /defines `apply_discount`/);
    assert.deepEqual(top.symbols[0], { name: 'apply_discount', kind: 'function', startLine: 4, endLine: 8 });
    assert.ok(result.files.every((f, i) => i === 0 || f.score <= result.files[i - 1].score), 'sorted by score');
  });

  it('a stack trace points at the innermost frame and the function around its line', () => {
    const text = `Crash when removing an unknown item

Traceback (most recent call last):
  File "/opt/app/report.py", line 3, in run
    print_report(w)
  File "/usr/lib/python3/site-packages/inventory/models.py", line 29, in remove_item
    return self._items.pop(sku)
KeyError: 'abc'`;
    const result = retrieveCandidates(index, text);
    assert.equal(result.files[0].path, 'inventory/models.py');
    assert.match(result.files[0].reason, /stack trace \(line 29\)/);
    assert.equal(result.files[0].symbols[0].name, 'remove_item');
    assert.equal(result.stats.frames, 2);
  });

  it('prefers source over tests for the same words, and reaches files only through the text', () => {
    const ranked = paths(index, 'The discount percent check is wrong: a percent of exactly 100 should be rejected.');
    assert.ok(ranked.indexOf('inventory/pricing.py') < ranked.indexOf('tests/test_pricing.py'), ranked.join(', '));
  });

  it('a written path (even from another checkout) names its file', () => {
    const ranked = paths(index, 'Something is off in /home/me/src/shop/inventory/report.py when the stream is closed.');
    assert.equal(ranked[0], 'inventory/report.py');
  });

  it('returns no candidates for a text that matches nothing', () => {
    assert.deepEqual(paths(index, 'zzzz qqqq'), []);
  });

  it('explains its evidence on request', () => {
    const [top] = retrieveCandidates(index, 'Warehouse.add_item allows duplicates', { explain: true }).files;
    assert.equal(top.path, 'inventory/models.py');
    assert.ok(top.evidence && top.evidence.symbol > 0 && top.evidence.prior === 1);
  });
});

describe('reference graph and statistics', () => {
  it('lifts a file whose definitions the best candidate uses', async () => {
    const root = makeTempDir('graph');
    writeTree(root, {
      'src/checkout.ts': 'import { computeShippingFee } from "./fees";\nexport function checkoutOrder(order: Order) {\n  return computeShippingFee(order.weightGrams);\n}\n',
      'src/fees.ts': 'export function computeShippingFee(grams: number): number {\n  return grams > 1000 ? 7 : 4;\n}\n',
      'src/unrelated.ts': 'export function parseColor(hex: string) {\n  return hex.length;\n}\n',
      'src/other.ts': 'export function formatDate(d: Date) {\n  return d.toISOString();\n}\n',
    });
    const index = openIndex(root);
    await index.refresh();
    const result = retrieveCandidates(index, 'checkoutOrder charges the wrong total for heavy orders', { explain: true });
    assert.equal(result.files[0].path, 'src/checkout.ts');
    const fees = result.files.find((f) => f.path === 'src/fees.ts');
    assert.ok(fees, result.files.map((f) => f.path).join(', '));
    assert.ok(fees.evidence!.graph > 0);
    assert.match(fees.reason, /linked by references/);
    assert.equal(result.files.find((f) => f.path === 'src/unrelated.ts'), undefined);
  });

  it('recomputes its statistics only when the index changed', async () => {
    const root = makeTempDir('snap');
    writeTree(root, { 'a.py': 'def alpha():\n    pass\n' });
    const index = openIndex(root);
    await index.refresh();
    const first = RetrievalSnapshot.of(index);
    assert.equal(RetrievalSnapshot.of(index), first);
    writeTree(root, { 'b.py': 'def beta():\n    pass\n' });
    await index.updateFiles(['b.py']);
    const second = RetrievalSnapshot.of(index);
    assert.notEqual(second, first);
    assert.deepEqual(second.files.map((f) => f.path), ['a.py', 'b.py']);
    assert.equal(second.filesDefining(hashTerm('beta')).length, 1);

    // An edit in place is patched into the same statistics rather than rebuilding them.
    writeTree(root, { 'a.py': 'def gamma():\n    pass\n\ndef delta():\n    pass\n' });
    await index.updateFiles(['a.py']);
    const third = RetrievalSnapshot.of(index);
    assert.equal(third, second);
    assert.equal(third.filesDefining(hashTerm('alpha')).length, 0);
    assert.deepEqual(third.filesDefining(hashTerm('delta')), [0]);
    assert.deepEqual(third.filesDefining(hashTerm('beta')), [1]);
    assert.equal(retrieveCandidates(index, 'gamma is broken').files[0].path, 'a.py');
  });
});
