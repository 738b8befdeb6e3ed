import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { closeIndexes, indexFixture, outline, record, references, symbol } from './codeSupport';

after(closeIndexes);

describe('definitions and references per language (fixture projects)', () => {
  it('Python: classes, methods in classes (decorated too), functions, signatures, references', async () => {
    const index = await indexFixture('python');
    assert.deepEqual(outline(index, 'inventory/models.py'), [
      'class Item@7-15',
      'method Item.total_value@14-15',
      'class Warehouse@18-36',
      'method Warehouse.__init__@19-21',
      'method Warehouse.add_item@23-26',
      'method Warehouse.remove_item@28-29',
      'method Warehouse.stock_value@32-33',
      'method Warehouse.discounted_value@35-36',
    ]);
    assert.equal(symbol(index, 'inventory/pricing.py', 'apply_discount').signature, 'def apply_discount(amount_cents: int, percent: float) -> int');
    assert.equal(record(index, 'inventory/models.py').language, 'python');
    assert.ok(references(index, 'inventory/models.py', 'apply_discount'), 'call');
    assert.ok(references(index, 'inventory/report.py', 'Warehouse'), 'import and type annotation');
    assert.ok(!references(index, 'inventory/pricing.py', 'Warehouse'));
    assert.equal(record(index, '.gitignore').language, undefined, 'text without a grammar is indexed for search only');
  });

  it('TypeScript and TSX: interfaces, enums, type aliases, namespaces, classes, arrow functions', async () => {
    const index = await indexFixture('typescript');
    assert.deepEqual(outline(index, 'src/eventBus.ts'), [
      'type Listener@1-1',
      'interface Subscription@3-5',
      'method Subscription.dispose@4-4',
      'enum Priority@7-10',
      'class EventBus@12-36',
      'method EventBus.subscribe@15-20',
      'method EventBus.publish@22-26',
      'method EventBus.unsubscribe@28-35',
    ]);
    assert.deepEqual(outline(index, 'src/retry.ts'), ['interface RetryOptions@1-4', 'function withRetry@6-17', 'function sleep@19-19']);
    assert.deepEqual(outline(index, 'src/main.ts'), ['module App@4-6', 'function main@8-12']);
    assert.equal(record(index, 'src/view.tsx').language, 'tsx');
    assert.deepEqual(outline(index, 'src/view.tsx'), ['interface BadgeProps@3-6', 'function Badge@8-14', 'function formatCount@16-18']);
    assert.equal(symbol(index, 'src/retry.ts', 'withRetry').signature, 'export async function withRetry<T>(task: () => Promise<T>, options: RetryOptions): Promise<T>'.replace('export ', ''));
    assert.ok(references(index, 'src/main.ts', 'EventBus'), 'new expression');
    assert.ok(references(index, 'src/main.ts', 'withRetry'), 'call and import');
    assert.ok(references(index, 'src/retry.ts', 'RetryOptions'), 'type annotation');
    assert.ok(references(index, 'src/view.tsx', 'formatCount'), 'call inside JSX');
  });

  it('JavaScript: function declarations, arrow functions, classes, exports.x = function', async () => {
    const index = await indexFixture('javascript');
    assert.deepEqual(outline(index, 'lib/slug.js'), [
      'function slugify@5-10',
      'function normalize@12-12',
      'class SlugRegistry@14-26',
      'method SlugRegistry.constructor@15-17',
      'method SlugRegistry.unique@19-25',
    ]);
    assert.deepEqual(outline(index, 'lib/index.js'), ['function createRegistry@3-5']);
    assert.ok(references(index, 'lib/index.js', 'SlugRegistry'));
    assert.ok(references(index, 'lib/slug.js', 'normalize'));
  });

  it('Go: functions, methods with their receiver type, structs, interfaces and their methods', async () => {
    const index = await indexFixture('go');
    assert.deepEqual(outline(index, 'cache/lru.go'), [
      'struct entry@13-16',
      'struct Cache@19-23',
      'interface Store@25-28',
      'method Store.Get@26-26',
      'method Store.Put@27-27',
      'function New@30-35',
      'method Cache.Get@37-44',
      'method Cache.Put@46-56',
      'method Cache.evictOldest@58-62',
    ]);
    assert.equal(symbol(index, 'cache/lru.go', 'evictOldest').signature, 'func (c *Cache) evictOldest()');
    assert.ok(references(index, 'cache/lru.go', 'evictOldest'));
    assert.ok(references(index, 'main.go', 'New'), 'qualified call cache.New');
  });

  it('Java: classes, records, nested interfaces and enums, constructors, methods', async () => {
    const index = await indexFixture('java');
    assert.deepEqual(outline(index, 'src/main/java/com/example/shop/Cart.java'), [
      'class Cart@7-29',
      'method Cart.Cart@10-10',
      'method Cart.add@12-14',
      'method Cart.totalCents@16-22',
      'interface Cart.Discount@24-26',
      'method Discount.apply@25-25',
      'enum Cart.Status@28-28',
    ]);
    assert.deepEqual(outline(index, 'src/main/java/com/example/shop/LineItem.java'), ['class LineItem@3-7', 'method LineItem.subtotalCents@4-6']);
    assert.ok(references(index, 'src/main/java/com/example/shop/Cart.java', 'subtotalCents'));
    assert.ok(references(index, 'src/main/java/com/example/shop/Cart.java', 'LineItem'));
  });

  it('Rust: structs, enums, traits, impl blocks with methods, macros, type aliases in impls', async () => {
    const index = await indexFixture('rust');
    assert.deepEqual(outline(index, 'src/lexer.rs'), [
      'enum Token@4-8',
      'struct Lexer@10-12',
      'trait Describe@14-16',
      'method Describe.describe@15-15',
      'impl Lexer@18-34',
      'method Lexer.new@19-21',
      'method Lexer.read_while@23-33',
      'impl Lexer@36-54',
      'type Lexer.Item@37-37',
      'method Lexer.next@39-53',
      'impl Token@56-60',
      'method Token.fmt@57-59',
      'macro token_vec@62-64',
    ]);
    assert.equal(symbol(index, 'src/lexer.rs', 'next').signature, 'fn next(&mut self) -> Option<Token>');
    assert.ok(references(index, 'src/lib.rs', 'Lexer'), 'use declaration');
    assert.ok(references(index, 'src/lexer.rs', 'read_while'));
  });

  it('C (tree-sitter-c): functions, structs in typedefs, enums, function-like macros; C keywords of C++ are names', async () => {
    const index = await indexFixture('c');
    assert.equal(record(index, 'src/ring.c').language, 'c');
    assert.equal(record(index, 'src/ring.c').parseErrors, undefined, 'a variable named `new` is valid C');
    assert.deepEqual(outline(index, 'src/ring.c'), ['function ring_full@3-6', 'function ring_init@8-12', 'function ring_push@14-21', 'function ring_pop@23-32']);
    assert.deepEqual(outline(index, 'src/ring.h'), ['macro RING_NEXT@7-7', 'type ring_buffer_t@9-13', 'struct ring_buffer@9-13', 'enum ring_status@15-15']);
    assert.equal(symbol(index, 'src/ring.c', 'ring_full').signature, 'static int ring_full(const ring_buffer_t *rb)');
    assert.ok(references(index, 'src/main.c', 'ring_push'));
    assert.ok(references(index, 'src/ring.c', 'ring_full'));
  });

  it('C++: namespaces, classes with member declarations, out-of-class methods owned by their class', async () => {
    const index = await indexFixture('cpp');
    assert.deepEqual(outline(index, 'src/matrix.hpp'), [
      'module linalg@5-25',
      'class linalg.Matrix@8-18',
      'method Matrix.Matrix@10-10',
      'method Matrix.at@11-11',
      'method Matrix.transpose@12-12',
      'method Matrix.rows@13-13',
      'struct linalg.Shape@20-23',
    ]);
    assert.deepEqual(outline(index, 'src/matrix.cpp'), [
      'module linalg@3-28',
      'method Matrix.Matrix@6-6',
      'method Matrix.at@9-11',
      'method Matrix.transpose@14-20',
      'function linalg.trace@22-26',
    ]);
    assert.ok(references(index, 'src/matrix.cpp', 'at'));
  });

  it('the other shipped grammars: Ruby, PHP, C#, Bash, CSS, INI, PowerShell', async () => {
    const index = await indexFixture('misc');
    assert.deepEqual(outline(index, 'greeter.rb'), [
      'module Greetings@1-21',
      'class Greetings.Greeter@2-20',
      'method Greeter.initialize@3-5',
      'method Greeter.greet@7-9',
      'method Greeter.default@11-13',
      'method Greeter.format_greeting@17-19',
    ]);
    assert.deepEqual(outline(index, 'Invoice.php'), [
      'interface Payable@5-8',
      'method Payable.amountDue@7-7',
      'class Invoice@10-23',
      'method Invoice.addLine@14-17',
      'method Invoice.amountDue@19-22',
      'function format_cents@25-28',
    ]);
    assert.ok(outline(index, 'Thermostat.cs').includes('method Thermostat.Decide@25-28'));
    assert.ok(outline(index, 'Thermostat.cs').includes('interface Home.Climate.ISensor@5-8'));
    assert.deepEqual(outline(index, 'deploy.sh'), ['function log@4-6', 'function build_image@8-11']);
    assert.ok(references(index, 'deploy.sh', 'build_image'));
    assert.deepEqual(outline(index, 'settings.ini'), ['section server@1-3', 'section database@5-6']);
    assert.ok(outline(index, 'theme.css').includes('selector .button-primary@5-7'));
    assert.deepEqual(outline(index, 'Backup.ps1'), ['function Invoke-Backup@3-7', 'function Write-BackupLog@9-11', 'class BackupJob@13-16', 'method BackupJob.Run@15-15']);
    assert.ok(references(index, 'Backup.ps1', 'Write-BackupLog'));
  });
});
