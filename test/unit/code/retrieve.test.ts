import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeIndex } from '../../../src/core/code/codeIndex';
import { retrieveCandidates, topIndices } from '../../../src/core/code/retrieve';
import { RetrievalSnapshot, replaceSortedKeys } from '../../../src/core/code/retrievalSnapshot';
import { hashTerm } from '../../../src/core/code/textTerms';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeIndexes, indexFixture, openIndex, writeTree } from './codeSupport';

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

const paths = (index: CodeIndex, text: string) => retrieveCandidates(index, text).files.map((f) => f.path);

/** A refreshed index of a throwaway project. */
async function indexOf(files: Record<string, string>): Promise<CodeIndex> {
  const root = makeTempDir('signals');
  writeTree(root, files);
  const index = openIndex(root);
  await index.refresh();
  return index;
}

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

    // A name defined twice in a file, then once: the patch removes exactly what the old record added.
    writeTree(root, { 'b.py': 'def beta():\n    pass\n\ndef beta():\n    pass\n\ndef gamma():\n    pass\n' });
    await index.updateFiles(['b.py']);
    writeTree(root, { 'b.py': 'def beta():\n    pass\n' });
    await index.updateFiles(['b.py']);
    const patched = RetrievalSnapshot.of(index);
    assert.equal(patched, second);
    const rebuilt = new RetrievalSnapshot([...index.files()]);
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) {
      assert.deepEqual(patched.filesDefining(hashTerm(name)), rebuilt.filesDefining(hashTerm(name)), name);
    }
    assert.deepEqual(patched.filesDefining(hashTerm('gamma')), [0]);
  });

  it('replaceSortedKeys removes a sub-multiset and merges new keys in order', () => {
    const out = replaceSortedKeys(Float64Array.from([1, 2, 2, 5, 9]), Float64Array.from([2, 9]), Float64Array.from([0, 3, 10]));
    assert.deepEqual([...out], [0, 1, 2, 3, 5, 10]);
    assert.deepEqual([...replaceSortedKeys(Float64Array.from([4]), Float64Array.from([3]), Float64Array.from([]))], [4], 'an absent key removes nothing');
  });
});

describe('retrieval ignores the reporter setup and follows links', () => {
  const files = {
    'lib/util/print_versions.py':
      'def show_versions():\n    deps = ["numpy", "scipy", "pandas", "netCDF4", "h5py", "zarr", "dask", "matplotlib", "setuptools", "pip", "conda", "pytest"]\n    for name in deps:\n        print(name)\n',
    'lib/core/rolling.py': 'def rolling_window(data, size):\n    """A rolling window over data."""\n    return [data[i : i + size] for i in range(len(data))]\n',
    'lib/core/merge.py': 'def merge_attrs(a, b):\n    return {**a, **b}\n',
  };
  const report = ['numpy: 1.26.0', 'scipy: 1.11.2', 'pandas: 2.1.1', 'netCDF4: 1.6.4', 'h5py: 3.9.0', 'zarr: None', 'dask: 2023.9.2', 'matplotlib: 3.8.0', 'setuptools: 68.0.0', 'pip: 23.2.1', 'conda: None', 'pytest: 7.4.2'];

  it('an environment report does not pull in the file that prints versions', async () => {
    const index = await indexOf(files);
    const text = `rolling window drops the last values\n\nThe rolling window is too short.\n\n### Environment\n\n${report.join('\n')}`;
    const result = paths(index, text);
    assert.equal(result[0], 'lib/core/rolling.py');
    assert.ok(!result.includes('lib/util/print_versions.py'), result.join(', '));
  });

  it('a link to a file in the repository names that file', async () => {
    const index = await indexOf(files);
    const issue = (where: string) => `rolling window loses attributes\n\nThe rolling window result has no attrs; they are combined ${where}.`;
    const linked = retrieveCandidates(index, issue('in https://github.com/acme/lib/blob/main/lib/core/merge.py#L1'), { explain: true }).files;
    const unlinked = retrieveCandidates(index, issue('somewhere'), { explain: true }).files;
    const merge = linked.find((f) => f.path === 'lib/core/merge.py');
    assert.equal(merge?.evidence!.mention, 1);
    assert.match(merge!.reason, /named in the task/);
    assert.ok(merge!.score > (unlinked.find((f) => f.path === 'lib/core/merge.py')?.score ?? 0) + 0.2);
  });
});

describe('kebab-case names in the task', () => {
  it('an option written kebab-case finds the code that names it snake_case', async () => {
    const index = await indexOf({
      'lint/expand.py': 'def expand_modules(files, ignore_paths):\n    return [f for f in files if f not in ignore_paths]\n',
      'lint/options.py': 'OPTIONS = [("recursive", {"default": False}), ("jobs", {"default": 1})]\n\ndef recursive_walk(root):\n    return [root]\n',
    });
    const ranks = paths(index, 'Option is not respected\n\nWith --recursive=y the --ignore-paths option is not respected.');
    assert.equal(ranks[0], 'lint/expand.py', ranks.join(', '));
  });
});

describe('topIndices', () => {
  it('returns the k best positive scores, best first, ties by index, as a full sort would', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [n, k] of [[0, 5], [10, 0], [10, 3], [50, 50], [200, 60], [1000, 7]]) {
      // Few distinct values, so ties and zeros are common.
      const scores = Float64Array.from({ length: n }, () => Math.floor(random() * 6) / 2);
      const expected = [...scores.keys()].filter((i) => scores[i] > 0).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k);
      assert.deepEqual(topIndices(scores, k), expected, `n ${n}, k ${k}`);
    }
  });
});
