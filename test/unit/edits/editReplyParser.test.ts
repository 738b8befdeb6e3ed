import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEditReply } from '../../../src/core/edits/editReplyParser';
import { parseToolCalls } from '../../../src/core/edits/toolCallParser';

describe('parseEditReply: which format a reply uses', () => {
  it('detects SEARCH/REPLACE blocks', () => {
    const parsed = parseEditReply('a.py\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n');
    assert.deepEqual(parsed.formats, ['searchReplace']);
    assert.equal(parsed.plan.edits[0].kind, 'replace');
  });

  it('detects a unified diff', () => {
    const parsed = parseEditReply('--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x\n+y\n');
    assert.deepEqual(parsed.formats, ['unifiedDiff']);
    assert.equal(parsed.plan.edits[0].kind, 'diff');
  });

  it('reads both formats in one reply without reading a block twice', () => {
    const reply = ['a.py', '<<<<<<< SEARCH', 'x', '=======', 'y', '>>>>>>> REPLACE', '', '```diff', '--- a/b.py', '+++ b/b.py', '@@ -1 +1 @@', '-p', '+q', '```'].join('\n');
    const parsed = parseEditReply(reply);
    assert.deepEqual(parsed.formats, ['searchReplace', 'unifiedDiff']);
    assert.deepEqual(parsed.plan.edits.map((e) => [e.kind, e.path]), [
      ['replace', 'a.py'],
      ['diff', 'b.py'],
    ]);
  });

  it('reads whole new files under a path line when there are no blocks or diffs', () => {
    const reply = 'Create these:\n\nsrc/new_mod.py\n```python\ndef hello():\n    return "hi"\n```\n\n```js src/util.js\nexport const a = 1;\n```\n';
    const parsed = parseEditReply(reply);
    assert.deepEqual(parsed.formats, ['wholeFile']);
    assert.deepEqual(parsed.plan.edits, [
      { kind: 'create', path: 'src/new_mod.py', content: 'def hello():\n    return "hi"\n' },
      { kind: 'create', path: 'src/util.js', content: 'export const a = 1;\n' },
    ]);
  });

  it('does not take an illustration fence as a new file when the reply holds edit blocks', () => {
    const reply = 'a.py\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n\nNow a.py reads:\n\nb.py\n```python\ny\n```\n';
    const parsed = parseEditReply(reply);
    assert.deepEqual(parsed.plan.edits.map((e) => e.kind), ['replace']);
  });

  it('reports a whole file whose fence is never closed', () => {
    const parsed = parseEditReply('new.txt\n```\nline 1\nline 2');
    assert.deepEqual(parsed.plan.edits, []);
    assert.equal(parsed.problems[0].kind, 'truncated');
    assert.equal(parsed.problems[0].path, 'new.txt');
  });

  it('finds nothing in prose', () => {
    const parsed = parseEditReply('I looked at the code and it seems fine.');
    assert.deepEqual(parsed, { plan: { edits: [] }, problems: [], formats: [] });
  });
});

describe('parseToolCalls', () => {
  it('turns str_replace and create_file calls into a plan, grouping consecutive replacements per file', () => {
    const parsed = parseToolCalls([
      { id: '1', name: 'str_replace', arguments: { path: 'a.py', old_str: 'x = 1', new_str: 'x = 2' } },
      { id: '2', name: 'str_replace', arguments: { path: 'a.py', old: 'y', new: 'z' } },
      { id: '3', name: 'read_file', arguments: { path: 'a.py' } },
      { id: '4', name: 'create_file', arguments: { path: 'b.py', content: 'print(1)\n' } },
      { id: '5', name: 'str_replace_editor', arguments: { command: 'str_replace', path: 'c.py', old_str: 'p', new_str: 'q' } },
    ]);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.formats, ['toolCalls']);
    assert.deepEqual(parsed.plan.edits, [
      {
        kind: 'replace',
        path: 'a.py',
        blocks: [
          { search: 'x = 1', replace: 'x = 2', match: 'substring' },
          { search: 'y', replace: 'z', match: 'substring' },
        ],
      },
      { kind: 'create', path: 'b.py', content: 'print(1)\n' },
      { kind: 'replace', path: 'c.py', blocks: [{ search: 'p', replace: 'q', match: 'substring' }] },
    ]);
  });

  it('reports calls with missing or empty arguments', () => {
    const parsed = parseToolCalls([
      { id: '1', name: 'str_replace', arguments: { old_str: 'a', new_str: 'b' } },
      { id: '2', name: 'str_replace', arguments: { path: 'a.py', old_str: 'a' } },
      { id: '3', name: 'str_replace', arguments: { path: 'a.py', old_str: '', new_str: 'b' } },
      { id: '4', name: 'create_file', arguments: { path: 'n.py' } },
    ]);
    assert.deepEqual(parsed.plan.edits, []);
    assert.deepEqual(parsed.problems.map((p) => p.kind), ['badToolCall', 'badToolCall', 'badToolCall', 'badToolCall']);
    assert.match(parsed.problems[0].message, /no "path"/);
    assert.match(parsed.problems[2].message, /empty "old_str"/);
  });
});

describe('editTools', () => {
  it('declares the tools parseToolCalls reads, with the arguments it reads', async () => {
    const { editTools } = await import('../../../src/core/edits/editTools.js');
    assert.deepEqual(editTools.map((t) => t.name), ['str_replace', 'create_file']);
    for (const t of editTools) assert.match(t.description, /^[A-Z][a-z]+ /);
    const [replace, create] = editTools;
    const call = parseToolCalls([
      { id: '1', name: replace.name, arguments: Object.fromEntries((replace.parameters.required as string[]).map((k) => [k, k === 'path' ? 'a.py' : 'v'])) },
      { id: '2', name: create.name, arguments: Object.fromEntries((create.parameters.required as string[]).map((k) => [k, k === 'path' ? 'b.py' : 'v'])) },
    ]);
    assert.deepEqual(call.problems, []);
    assert.deepEqual(call.plan.edits.map((e) => e.kind), ['replace', 'create']);
  });
});
