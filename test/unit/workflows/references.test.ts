import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookup, referencedSteps, resolveInput } from '../../../src/core/workflows/references';

describe('workflow references', () => {
  const scope = { task: { issue: 'subtract adds' }, localize: { committed: ['src/math.js'], files: [{ path: 'src/math.js', symbols: [{ name: 'subtract' }] }] } };

  it('resolves $task fields and paths into earlier results, numbers indexing arrays; an unmet one leaves the field out', () => {
    assert.deepEqual(resolveInput({ task: '$task.issue', files: '$localize.committed', symbol: '$localize.files.0.symbols.0.name', missing: '$localize.nothing.here', mutants: 3 }, scope), {
      task: 'subtract adds',
      files: ['src/math.js'],
      symbol: 'subtract',
      mutants: 3,
    });
  });

  it('finds only own properties: a workflow file cannot reach inherited ones', () => {
    for (const reference of ['task.constructor', 'task.__proto__', 'localize.toString', 'localize.committed.constructor.name', 'localize.hasOwnProperty']) {
      const found = lookup(scope, reference);
      assert.equal(found, undefined, `${reference} → ${String(found)}`);
    }
    assert.equal(lookup(scope, 'localize.committed.length'), 1);
  });

  it('names the steps an input refers to', () => {
    assert.deepEqual(referencedSteps({ a: '$task.issue', b: '$localize.committed', c: '$edit', d: 'plain' }), ['localize', 'edit']);
  });
});
