// The oracle bench compares a huge file (texts left out of the JSON result) through its diff.
import assert from 'node:assert/strict';
import { createTwoFilesPatch } from 'diff';
import { describe, it } from 'node:test';
import { producedText } from '../../../bench/producedText';
import { editedFileJson, jsonFullTextLimit } from '../../../src/core/skills/edit/editedFileJson';

describe('oracle bench: producedText', () => {
  const before = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
  const after = before.replace('line 12345\n', 'line twelve thousand\n');
  const file = { path: 'src/big.py', change: 'modify' as const, before, after, diff: createTwoFilesPatch('a/src/big.py', 'b/src/big.py', before, after), applied: 1, failed: 0 };
  const gold = [{ path: 'src/big.py', before, hunks: [] }];

  it('rebuilds a huge file left out of the JSON from its diff, equal to the real text', () => {
    assert.ok(before.length + after.length > jsonFullTextLimit);
    const json = editedFileJson(file);
    assert.equal(json.after, undefined, 'the JSON result leaves the texts out');
    assert.equal(producedText(json, gold), after);
  });

  it('takes the text as it is when the JSON has it, and gives undefined for a diff that does not apply', () => {
    assert.equal(producedText({ path: 'x', after: 'x\n', diff: '' }, []), 'x\n');
    assert.equal(producedText({ path: 'src/big.py', diff: file.diff }, [{ path: 'src/big.py', before: 'other\n', hunks: [] }]), undefined);
  });
});
