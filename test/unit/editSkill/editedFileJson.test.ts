import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editedFileJson, jsonFullTextLimit, withoutHugeFileTexts } from '../../../src/core/skills/edit/editedFileJson';
import type { EditedFile } from '../../../src/core/skills/edit/editTypes';

function file(path: string, size: number): EditedFile {
  const before = 'a'.repeat(size);
  return { path, change: 'modify', before, after: `${before}b`, diff: `--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-a\n+ab\n`, applied: 1, failed: 0 };
}

describe('editedFileJson', () => {
  it('keeps small files whole and drops before/after above the limit, keeping the diff', () => {
    const small = file('small.js', 10);
    assert.equal(editedFileJson(small), small);
    const huge = editedFileJson(file('huge.js', jsonFullTextLimit));
    assert.deepEqual(Object.keys(huge).sort(), ['applied', 'change', 'diff', 'failed', 'omitted', 'path']);
    assert.match(huge.diff, /^\+ab$/m);
    assert.equal(huge.omitted, 'before/after left out: over 100000 characters; see the diff');
  });
});

describe('withoutHugeFileTexts', () => {
  it('shrinks a tool result with a 5.8 MB file to the size of its diff', () => {
    const result = { ok: true, files: [file('bundle.js', 2_900_000)], blocks: [], report: '' };
    assert.ok(JSON.stringify(result).length > 5_800_000);
    const json = JSON.stringify(withoutHugeFileTexts(result));
    assert.ok(json.length < 1_000, `${json.length} characters`);
    assert.equal(JSON.parse(json).files[0].omitted.startsWith('before/after left out'), true);
    assert.equal(result.files[0].before?.length, 2_900_000, 'the result itself is not changed');
  });

  it('finds edited files anywhere in a workflow result (its files and each step output) and leaves the rest as it is', () => {
    const small = file('small.js', 10);
    const steps = [
      { step: 'localize', output: { committed: ['a.js'] } },
      { step: 'edit', output: { ok: true, files: [file('huge.js', 200_000), small] } },
    ];
    const workflow = { status: 'succeeded', steps, files: [file('huge.js', 200_000)], patch: '+ab', task: { issue: 'x' } };
    const out = withoutHugeFileTexts(workflow) as typeof workflow;
    assert.equal(out.files[0].before, undefined);
    assert.equal(out.files[0].after, undefined);
    assert.equal((out.steps[1].output as { files: EditedFile[] }).files[0].after, undefined);
    assert.equal((out.steps[1].output as { files: EditedFile[] }).files[1], small, 'small files stay whole');
    assert.equal(out.steps[0], steps[0], 'parts without a huge file are not copied');
    assert.equal(out.task, workflow.task);
    const plain = { ok: true, files: [small], text: 'x' };
    assert.equal(withoutHugeFileTexts(plain), plain);
    assert.equal(withoutHugeFileTexts('text'), 'text');
    assert.equal(withoutHugeFileTexts(null), null);
  });
});
