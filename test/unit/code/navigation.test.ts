import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileSkeleton, fileSymbols, findSymbol, innerWords, searchText } from '../../../src/core/code/codeNavigation';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeIndexes, indexFixture, openIndex, writeTree } from './codeSupport';

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

describe('read-only navigation over the index', () => {
  it('findSymbol: by name, by Owner.name, by kind, case-insensitively and by substring', async () => {
    const index = await indexFixture('go');
    const get = findSymbol(index, 'Get');
    assert.deepEqual(get.map((m) => `${m.path}:${m.symbol.container}.${m.symbol.name}`).sort(), ['cache/lru.go:Cache.Get', 'cache/lru.go:Store.Get']);
    const owned = findSymbol(index, 'Cache.Get');
    assert.equal(owned.length, 1);
    assert.equal(owned[0].symbol.signature, 'func (c *Cache) Get(key string) (any, error)');
    assert.deepEqual([owned[0].symbol.startLine, owned[0].symbol.endLine], [37, 44]);
    assert.equal(findSymbol(index, 'cache', { kind: 'struct', ignoreCase: true }).length, 1);
    assert.deepEqual(findSymbol(index, 'evict', { substring: true }).map((m) => m.symbol.name), ['evictOldest']);
    assert.deepEqual(findSymbol(index, 'Nope'), []);
  });

  it('fileSkeleton: signatures and class members stay, bodies become one marker line', async () => {
    const index = await indexFixture('python');
    const skeleton = await fileSkeleton(index, 'inventory/models.py', { lineNumbers: true });
    assert.ok(skeleton);
    const lines = skeleton.split('\n');
    assert.ok(lines.includes('19|     def __init__(self, name: str):'));
    assert.ok(lines.includes('20|         ...'), 'the three-line body became one marker at its indentation');
    assert.ok(!skeleton.includes('self._items: dict[str, Item] = {}'), 'body text is gone');
    assert.ok(lines.includes('29|         return self._items.pop(sku)'), 'a one-line body stays');
    assert.ok(lines.includes(' 8|     """A stock-keeping unit with a unit price in cents."""'), 'class bodies stay');
  });

  it('fileSkeleton of C and TypeScript keeps braces around the elided body', async () => {
    const c = await indexFixture('c');
    const ring = (await fileSkeleton(c, 'src/ring.c'))!;
    assert.ok(ring.includes('enum ring_status ring_push(ring_buffer_t *rb, int value)\n{\n\t...\n}\n'), ring);
    assert.ok(!ring.includes('RING_FULL'), 'body text is gone');
    const ts = await indexFixture('typescript');
    const skeleton = (await fileSkeleton(ts, 'src/eventBus.ts'))!;
    assert.ok(skeleton.includes('  subscribe(topic: string, listener: Listener<T>): Subscription {\n    ...\n  }'), skeleton);
  });

  it('re-indexes a file changed on disk before answering for it; unknown files give undefined', async () => {
    const root = makeTempDir('nav');
    writeTree(root, { 'm.py': 'def one():\n    return 1\n' });
    const index = openIndex(root);
    await index.refresh();
    fs.writeFileSync(path.join(root, 'm.py'), 'def one():\n    return 1\n\ndef two():\n    return 2\n');
    const t = new Date(Date.now() + 3000);
    fs.utimesSync(path.join(root, 'm.py'), t, t);
    assert.deepEqual((await fileSymbols(index, 'm.py'))?.map((s) => s.name), ['one', 'two']);
    assert.equal(await fileSkeleton(index, 'missing.py'), undefined);
  });

  it('searchText: literal and regex, folder filter, limit; the term prefilter never loses a match', async () => {
    const index = await indexFixture('python');
    const hits = await searchText(index, 'apply_discount(');
    assert.deepEqual(hits.map((h) => `${h.path}:${h.line}`), ['inventory/models.py:36', 'inventory/pricing.py:4', 'tests/test_pricing.py:7', 'tests/test_pricing.py:12']);
    assert.deepEqual((await searchText(index, 'def \\w+_item', { regex: true })).map((h) => h.line), [23, 28]);
    assert.equal((await searchText(index, 'apply_discount', { folder: 'tests' })).length, 5, 'inside longer names too');
    assert.equal((await searchText(index, 'import', { maxMatches: 2 })).length, 2);
    assert.equal((await searchText(index, 'PRICE_CENTS', { ignoreCase: true })).length, 2);
    assert.deepEqual(innerWords('x.apply_discount(1)'), ['apply_discount']);
    assert.deepEqual(innerWords('apply_disc'), [], 'a word cut at either end of the query may be part of a longer one');
  });
});
