import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { codeAssetDirs } from '../../../src/cli/codeAssets';
import { grammarLocator } from '../../../src/core/code/grammarLocator';
import { TreeSitterLoader } from '../../../src/core/code/treeSitterLoader';
import { applyMutant, sampleMutants } from '../../../src/core/mutate/mutationOperators';
import { parseTarget } from '../../../src/core/mutate/mutationTarget';
import { validMutants } from '../../../src/core/mutate/mutationTesting';

const loader = new TreeSitterLoader(grammarLocator(codeAssetDirs()));
after(() => loader.dispose());

async function mutantsOf(file: string, text: string, symbol?: string, max = 1000) {
  const parsed = await parseTarget(loader, file, text, symbol);
  try {
    return await validMutants(text, parsed, max);
  } finally {
    parsed.dispose();
  }
}

const js = `'use strict';

function clamp(value, low, high) {
  if (value < low) return low;
  if (!(value <= high)) return high;
  count += 1;
  return value && true;
}

function other(a) {
  return a * 2;
}
`;

const py = `def grade(score):
    """Letter grade."""
    if score >= 90 and not failed:
        return "A"
    total = total + 1
    return None
`;

describe('mutation operators', () => {
  it('makes the expected JavaScript mutants, each a valid program', async () => {
    const { mutants } = await mutantsOf('clamp.js', js);
    const descriptions = mutants.map((m) => `${m.operator} ${m.description}`);
    for (const expected of [
      'boundary line 4: `<` → `<=`',
      'comparison line 4: `<` → `>=`',
      'negation line 5: `!(value <= high)` → `(value <= high)`',
      'boundary line 5: `<=` → `<`',
      'arithmetic line 6: `+=` → `-=`',
      'statement line 6: removed `count += 1;`',
      'constant line 6: `1` → `0`',
      'boolean line 7: `&&` → `||`',
      'constant line 7: `true` → `false`',
      'return line 7: `value && true` → `undefined`',
      'arithmetic line 11: `*` → `/`',
      'constant line 11: `2` → `3`',
    ]) {
      assert.ok(descriptions.includes(expected), `missing "${expected}" in:\n${descriptions.join('\n')}`);
    }
    assert.ok(!descriptions.some((d) => d.includes("'use strict'")), 'directives are not removed');
  });

  it('limits mutants to a symbol', async () => {
    const { mutants } = await mutantsOf('clamp.js', js, 'other');
    assert.ok(mutants.length > 0);
    assert.ok(mutants.every((m) => m.line >= 10 && m.line <= 12), mutants.map((m) => m.description).join('\n'));
  });

  it('an unknown symbol is an error naming the ones there are', async () => {
    await assert.rejects(mutantsOf('clamp.js', js, 'nope'), /has no function, method or class named nope; it has clamp, other/);
  });

  it('makes Python mutants that keep blocks valid (a removed statement becomes pass) and skips docstrings', async () => {
    const { mutants } = await mutantsOf('grades.py', py);
    const descriptions = mutants.map((m) => `${m.operator} ${m.description}`);
    for (const expected of ['boundary line 3: `>=` → `>`', 'boolean line 3: `and` → `or`', 'negation line 3: `not failed` → `failed`', 'return line 4: `"A"` → `None`', 'statement line 5: removed `total = total + 1`', 'arithmetic line 5: `+` → `-`']) {
      assert.ok(descriptions.includes(expected), `missing "${expected}" in:\n${descriptions.join('\n')}`);
    }
    assert.ok(!descriptions.some((d) => d.includes('Letter grade')));
    const removed = mutants.find((m) => m.operator === 'statement')!;
    assert.match(applyMutant(py, removed), /\n {4}pass\n/);
  });

  it('samples a spread of operators and positions, deterministically', async () => {
    const { mutants, generated } = await mutantsOf('clamp.js', js, undefined, 5);
    assert.equal(mutants.length, 5);
    assert.ok(generated > 5);
    assert.ok(new Set(mutants.map((m) => m.operator)).size >= 4, mutants.map((m) => m.operator).join(','));
    assert.deepEqual((await mutantsOf('clamp.js', js, undefined, 5)).mutants, mutants);
    assert.deepEqual(sampleMutants(mutants, 10), mutants);
  });
});
