import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issueMentions, looksLikeCode } from '../../../src/core/code/issueMentions';
import { stackFrames } from '../../../src/core/code/stackFrames';

const compact = (text: string) => stackFrames(text).map((f) => [f.language, f.file ?? '', f.line ?? 0, f.symbol ?? '', f.owner ?? '']);

describe('stack-trace frames', () => {
  it('Python: innermost frame (printed last) first, <module> dropped', () => {
    const trace = `Traceback (most recent call last):
  File "/home/u/venv/lib/python3.11/site-packages/inventory/cli.py", line 12, in <module>
    main()
  File "/home/u/venv/lib/python3.11/site-packages/inventory/models.py", line 36, in discounted_value
    return apply_discount(self.stock_value, percent)
  File "C:\\proj\\inventory\\pricing.py", line 7, in apply_discount
    raise ValueError("percent must be between 0 and 100")
ValueError: percent must be between 0 and 100`;
    assert.deepEqual(compact(trace), [
      ['python', 'C:/proj/inventory/pricing.py', 7, 'apply_discount', ''],
      ['python', '/home/u/venv/lib/python3.11/site-packages/inventory/models.py', 36, 'discounted_value', ''],
      ['python', '/home/u/venv/lib/python3.11/site-packages/inventory/cli.py', 12, '', ''],
    ]);
  });

  it('Node: named, anonymous and async frames with their owners', () => {
    const trace = `TypeError: Cannot read properties of undefined (reading 'get')
    at EventBus.publish (/srv/app/src/eventBus.ts:23:31)
    at async withRetry (/srv/app/src/retry.ts:9:14)
    at /srv/app/src/main.ts:11:3
    at node:internal/process/task_queues:95:5`;
    assert.deepEqual(compact(trace), [
      ['javascript', '/srv/app/src/eventBus.ts', 23, 'publish', 'EventBus'],
      ['javascript', '/srv/app/src/retry.ts', 9, 'withRetry', ''],
      ['javascript', '/srv/app/src/main.ts', 11, '', ''],
    ]);
  });

  it('Java: the class path becomes a source path', () => {
    const trace = `Exception in thread "main" java.lang.IllegalStateException: empty cart
\tat com.example.shop.Cart.totalCents(Cart.java:19)
\tat com.example.shop.Checkout$Step.run(Checkout.java:42)
\tat java.base/java.lang.Thread.run(Thread.java:833)`;
    const frames = compact(trace);
    assert.deepEqual(frames[0], ['java', 'com/example/shop/Cart.java', 19, 'totalCents', 'Cart']);
    assert.deepEqual(frames[1], ['java', 'com/example/shop/Checkout.java', 42, 'run', 'Checkout$Step']);
  });

  it('Go: goroutine dumps pair each function with its file line', () => {
    const trace = `panic: runtime error: invalid memory address or nil pointer dereference
goroutine 1 [running]:
example.com/lru/cache.(*Cache).evictOldest(0xc000010030)
\t/home/u/lru/cache/lru.go:60 +0x1d
example.com/lru/cache.(*Cache).Put(0xc000010030, {0x4b2f0e, 0x1}, {0x4a0e40, 0x4d6b38})
\t/home/u/lru/cache/lru.go:54 +0x1b3
main.main()
\t/home/u/lru/main.go:11 +0x65`;
    assert.deepEqual(compact(trace), [
      ['go', '/home/u/lru/cache/lru.go', 60, 'evictOldest', 'Cache'],
      ['go', '/home/u/lru/cache/lru.go', 54, 'Put', 'Cache'],
      ['go', '/home/u/lru/main.go', 11, 'main', ''],
    ]);
  });

  it('Rust: panic locations and backtrace functions, std frames dropped', () => {
    const trace = `thread 'main' panicked at src/lexer.rs:44:57:
called \`Option::unwrap()\` on a \`None\` value
stack backtrace:
   0: rust_begin_unwind
   1: core::panicking::panic
   2: tokenize::lexer::Lexer::read_while
   3: tokenize::count_tokens
             at ./src/lib.rs:7:5`;
    assert.deepEqual(compact(trace), [
      ['rust', 'src/lexer.rs', 44, '', ''],
      ['rust', '', 0, 'read_while', 'Lexer'],
      ['rust', './src/lib.rs', 7, 'count_tokens', 'tokenize'],
    ]);
  });

  it('compiler-style file:line locations (C, C++)', () => {
    assert.deepEqual(compact('src/ring.c:18:9: error: incompatible pointer type\nmatrix.cpp:10: warning: unused'), [
      ['generic', 'src/ring.c', 18, '', ''],
      ['generic', 'matrix.cpp', 10, '', ''],
    ]);
  });
});

describe('issueMentions', () => {
  const text = `Warehouse.discounted_value ignores the tax rate

When I call \`Warehouse.discounted_value(10)\` after \`with_tax\` the result is wrong.
See inventory/models.py and the helper in pricing.py; the module inventory.pricing has
TAX_RATE hard-coded. This happens e.g. with the default settings, version 1.2.3.

\`\`\`python
from inventory.models import Warehouse
w = Warehouse("main")
print(w.discounted_value(10))
\`\`\``;
  const m = issueMentions(text);

  it('finds written paths, dotted names and the title', () => {
    assert.deepEqual(m.paths.sort(), ['inventory/models.py', 'pricing.py']);
    assert.ok(m.dotted.includes('inventory.pricing'));
    assert.ok(m.dotted.includes('Warehouse.discounted_value'));
    assert.ok(!m.dotted.some((d) => d.toLowerCase() === 'e.g'), 'abbreviations are not names');
    assert.ok(!m.paths.includes('1.2.3'));
    assert.equal(m.title, 'Warehouse.discounted_value ignores the tax rate');
  });

  it('weighs identifiers: code-like names fully, plain words in code a little, prose words not at all', () => {
    assert.equal(m.identifiers.get('discounted_value'), 1);
    assert.equal(m.identifiers.get('with_tax'), 1);
    assert.equal(m.identifiers.get('TAX_RATE'), 0.6);
    assert.equal(m.identifiers.get('print'), 1, 'called');
    assert.equal(m.identifiers.get('main'), 0.35, 'a plain word inside code');
    assert.equal(m.identifiers.get('helper'), undefined, 'prose');
    assert.equal(m.identifiers.get('inventory'), 0.35, 'a package in a dotted path is no symbol: only a plain word in code');
  });

  it('links to files in a code host name those files; other links do not', () => {
    const linked = issueMentions(`Rounding is off
See https://github.com/acme/shop/blob/3f2a9c1/inventory/pricing.py#L12-L14 and
https://gitlab.com/acme/shop/-/blob/feature/tax/inventory/models.py#L3, the docs at
https://acme.example.org/guide/pricing.html and the notebook https://mybinder.org/v2/gh/acme/shop/main?urlpath=lab/tree/demo.ipynb.`);
    assert.deepEqual(linked.paths.sort(), ['inventory/pricing.py', 'tax/inventory/models.py']);
  });

  it('reads kebab-case options and message ids as the snake_case names code gives them', () => {
    const kebab = issueMentions('`--ignore-paths` is ignored with --recursive=y\n\nThe inherited-members option and `unused-import` misbehave in a self-contained example.');
    assert.equal(kebab.identifiers.get('ignore_paths'), 1, 'an option written as one');
    assert.equal(kebab.identifiers.get('unused_import'), 1, 'in backticks');
    assert.equal(kebab.identifiers.get('inherited_members'), 0.6, 'in prose');
    assert.equal(kebab.identifiers.get('self_contained'), 0.6, 'an English compound too: it only counts where code has the name');
  });

  it('looksLikeCode', () => {
    for (const w of ['snake_case', 'camelCase', 'HTTPServer', '_private', 'utf8']) assert.ok(looksLikeCode(w), w);
    for (const w of ['warehouse', 'Warehouse', 'URL']) assert.ok(!looksLikeCode(w), w);
  });
});
