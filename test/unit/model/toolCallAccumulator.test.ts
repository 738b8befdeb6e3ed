import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import { ToolCallAccumulator, parseToolArguments } from '../../../src/core/model/toolCallAccumulator';

describe('ToolCallAccumulator', () => {
  it('completes a call when the next index starts, and the rest at the end', () => {
    const acc = new ToolCallAccumulator();
    assert.deepEqual(acc.add([{ index: 0, id: 'a', function: { name: 'readFile', arguments: '' } }]), []);
    assert.deepEqual(acc.add([{ index: 0, function: { arguments: '{"path":' } }]), []);
    assert.deepEqual(acc.add([{ index: 0, function: { arguments: '"x"}' } }]), []);
    const first = acc.add([{ index: 1, id: 'b', function: { name: 'search', arguments: '{}' } }]);
    assert.deepEqual(first, [{ id: 'a', name: 'readFile', arguments: { path: 'x' } }]);
    assert.deepEqual(acc.finish(), [{ id: 'b', name: 'search', arguments: {} }]);
    assert.deepEqual(acc.all().map((c) => c.id), ['a', 'b']);
  });

  it('handles servers that omit the index or reuse index 0 with a new id', () => {
    const acc = new ToolCallAccumulator();
    const first = acc.add([{ id: 'a', function: { name: 'f', arguments: '{"n":1}' } }, { id: 'b', function: { name: 'g', arguments: '{"n":2}' } }]);
    assert.deepEqual(first.map((c) => c.id), ['a'], 'positions stand in for missing indexes');
    const reused = acc.add([{ index: 0, id: 'c', function: { name: 'h', arguments: '{"n":3}' } }]);
    assert.deepEqual(reused.map((c) => c.id), ['b']);
    acc.finish();
    assert.deepEqual(acc.all().map((c) => [c.name, c.arguments.n]), [['f', 1], ['g', 2], ['h', 3]]);
  });

  it('generates an id when the server sends none, and rejects a call without a name', () => {
    const acc = new ToolCallAccumulator();
    acc.add([{ index: 0, function: { name: 'f' } }]);
    assert.match(acc.finish()[0].id, /^call_/);
    const nameless = new ToolCallAccumulator();
    nameless.add([{ index: 0, function: { arguments: '{}' } }]);
    assert.throws(() => nameless.finish(), (err: unknown) => err instanceof AtomicError && err.reason === 'modelReplyMalformed');
  });
});

describe('parseToolArguments', () => {
  it('reads empty, plain and double-encoded arguments, and rejects the rest naming the tool', () => {
    assert.deepEqual(parseToolArguments('f', '  '), {});
    assert.deepEqual(parseToolArguments('f', '{"a":[1]}'), { a: [1] });
    assert.deepEqual(parseToolArguments('f', '"{\\"a\\":1}"'), { a: 1 });
    for (const bad of ['{"a":', '[1,2]', '42', 'null']) {
      assert.throws(() => parseToolArguments('editFile', bad), (err: unknown) =>
        err instanceof AtomicError && err.reason === 'modelReplyMalformed' && err.message.includes('"editFile"') && err.detail === bad);
    }
  });
});
