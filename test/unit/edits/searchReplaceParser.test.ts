import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEdit } from '../../../src/core/edits/editPlan';
import { parseSearchReplaceBlocks } from '../../../src/core/edits/searchReplaceParser';

function replaceEdits(edits: FileEdit[]) {
  return edits.map((e) => {
    assert.equal(e.kind, 'replace');
    return e as Extract<FileEdit, { kind: 'replace' }>;
  });
}

describe('parseSearchReplaceBlocks', () => {
  it('reads the canonical fenced block with a path line and a language tag', () => {
    const reply = [
      'I will rename the variable.',
      '',
      'src/app.py',
      '```python',
      '<<<<<<< SEARCH',
      'x = 1',
      'print(x)',
      '=======',
      'y = 1',
      'print(y)',
      '>>>>>>> REPLACE',
      '```',
    ].join('\n');
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.deepEqual(problems, []);
    assert.deepEqual(edits, [{ kind: 'replace', path: 'src/app.py', blocks: [{ search: 'x = 1\nprint(x)\n', replace: 'y = 1\nprint(y)\n' }] }]);
  });

  it('reads paths in any script, and paths with spaces when quoted, backticked or bold; a bare line of words is no path', () => {
    const block = (pathLine: string) => [pathLine, '<<<<<<< SEARCH', 'a', '=======', 'b', '>>>>>>> REPLACE'].join('\n');
    const pathOf = (pathLine: string) => {
      const { edits, problems } = parseSearchReplaceBlocks(block(pathLine));
      return problems.length ? undefined : edits[0]?.path;
    };
    assert.equal(pathOf('src/ünï/b.js'), 'src/ünï/b.js');
    assert.equal(pathOf('docs/日本語.md'), 'docs/日本語.md');
    assert.equal(pathOf('`src/dir with space/ünï côde.js`'), 'src/dir with space/ünï côde.js');
    assert.equal(pathOf('**src/sp ace.js**'), 'src/sp ace.js');
    assert.equal(pathOf('"src/sp ace.js"'), 'src/sp ace.js');
    assert.equal(pathOf('Then change this in b.js'), undefined);
  });

  it('reads blocks without fences, with CRLF line endings, and with an empty REPLACE (a deletion)', () => {
    const reply = 'lib/a.js\r\n<<<<<<< SEARCH\r\nconst a = 1;\r\n=======\r\n>>>>>>> REPLACE\r\n';
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.deepEqual(problems, []);
    assert.deepEqual(replaceEdits(edits)[0].blocks, [{ search: 'const a = 1;\n', replace: '' }]);
  });

  it('accepts markers with more or fewer brackets and the older ORIGINAL/UPDATED names', () => {
    const reply = ['a.txt', '<<<< SEARCH', 'old', '=====', 'new', '>>>>>>>>> REPLACE', '', 'b.txt', '<<<<<<< ORIGINAL', 'one', '=======', 'two', '>>>>>>> UPDATED'].join('\n');
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      replaceEdits(edits).map((e) => [e.path, e.blocks[0].search, e.blocks[0].replace]),
      [
        ['a.txt', 'old\n', 'new\n'],
        ['b.txt', 'one\n', 'two\n'],
      ],
    );
  });

  it('finds the path in decorated lines and in the fence info string', () => {
    const cases: Array<[string, string]> = [
      ['**src/a.ts**\n```ts\n', 'src/a.ts'],
      ['`src/a.ts`:\n```ts\n', 'src/a.ts'],
      ['# File: src/a.ts\n```\n', 'src/a.ts'],
      ['```ts src/a.ts\n', 'src/a.ts'],
      ['```python:pkg/mod.py\n', 'pkg/mod.py'],
      ['```\nsrc\\win\\file.cs\n', 'src/win/file.cs'],
    ];
    for (const [prefix, expected] of cases) {
      const { edits, problems } = parseSearchReplaceBlocks(`${prefix}<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n\`\`\`\n`);
      assert.deepEqual(problems, [], prefix);
      assert.equal(edits[0]?.path, expected, prefix);
    }
  });

  it('reads several files in one reply and reuses the previous path for a block without one', () => {
    const reply = [
      'src/one.py',
      '```python',
      '<<<<<<< SEARCH',
      'a',
      '=======',
      'A',
      '>>>>>>> REPLACE',
      '```',
      'And a second change in the same file:',
      '```python',
      '<<<<<<< SEARCH',
      'b',
      '=======',
      'B',
      '>>>>>>> REPLACE',
      '```',
      'src/two.py',
      '```python',
      '<<<<<<< SEARCH',
      'c',
      '=======',
      'C',
      '>>>>>>> REPLACE',
      '```',
    ].join('\n');
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.deepEqual(problems, []);
    const r = replaceEdits(edits);
    assert.deepEqual(
      r.map((e) => [e.path, e.blocks.map((b) => b.replace)]),
      [
        ['src/one.py', ['A\n', 'B\n']],
        ['src/two.py', ['C\n']],
      ],
    );
  });

  it('reports a final block cut off by the end of the reply and keeps the complete ones', () => {
    const reply = ['a.py', '<<<<<<< SEARCH', 'x', '=======', 'y', '>>>>>>> REPLACE', 'b.py', '<<<<<<< SEARCH', 'p', '=======', 'q'].join('\n');
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.deepEqual(edits.map((e) => e.path), ['a.py']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].kind, 'truncated');
    assert.equal(problems[0].path, 'b.py');
    assert.equal(problems[0].line, 8);
    assert.match(problems[0].message, /cut off/);
  });

  it('reports a block with no divider, and one with no path anywhere', () => {
    const noDivider = parseSearchReplaceBlocks('a.py\n<<<<<<< SEARCH\nx\ny\n>>>>>>> REPLACE\n');
    assert.deepEqual(noDivider.edits, []);
    assert.equal(noDivider.problems[0].kind, 'malformedBlock');
    assert.match(noDivider.problems[0].message, /no =======/);
    const noPath = parseSearchReplaceBlocks('Here you go:\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n');
    assert.deepEqual(noPath.edits, []);
    assert.equal(noPath.problems[0].kind, 'missingPath');
  });

  it('a block that starts before the previous one ended is reported, not merged', () => {
    const reply = ['a.py', '<<<<<<< SEARCH', 'x', '=======', '<<<<<<< SEARCH', 'p', '=======', 'q', '>>>>>>> REPLACE'].join('\n');
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.equal(problems[0].kind, 'malformedBlock');
    assert.equal(edits.length, 1);
    assert.deepEqual(replaceEdits(edits)[0].blocks, [{ search: 'p\n', replace: 'q\n' }]);
  });

  it('keeps reStructuredText underlines and doctest prompts as content', () => {
    const reply = ['docs/index.rst', '<<<<<<< SEARCH', 'Title', '=====', '>>> f(1)', '=======', 'Heading', '=====', '>>> f(2)', '>>>>>>> REPLACE'].join('\n');
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.deepEqual(problems, []);
    assert.deepEqual(replaceEdits(edits)[0].blocks[0], { search: 'Title\n=====\n>>> f(1)\n', replace: 'Heading\n=====\n>>> f(2)\n' });
  });

  it('reports a block whose divider cannot be told from content', () => {
    const reply = ['a.rst', '<<<<<<< SEARCH', 'A', '=======', 'B', '=======', 'C', '>>>>>>> REPLACE'].join('\n');
    const { edits, problems } = parseSearchReplaceBlocks(reply);
    assert.deepEqual(edits, []);
    assert.match(problems[0].message, /2 ======= lines/);
  });

  it('keeps tabs and trailing spaces inside blocks exactly', () => {
    const { edits } = parseSearchReplaceBlocks('m.go\n<<<<<<< SEARCH\n\tif x {  \n=======\n\tif y {\n>>>>>>> REPLACE\n');
    assert.deepEqual(replaceEdits(edits)[0].blocks[0], { search: '\tif x {  \n', replace: '\tif y {\n' });
  });
});
