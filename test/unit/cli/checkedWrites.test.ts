import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { checkedWrite } from '../../../src/cli/checkedWrites';
import { AtomicError } from '../../../src/core/errors';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

function refusal(fn: () => unknown): AtomicError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AtomicError);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('checkedWrite', () => {
  it('plans the UTF-8 bytes of the new text when the disk holds exactly what the run read', () => {
    const root = makeTempDir('checked');
    fs.writeFileSync(path.join(root, 'a.txt'), '\ufeffcaf\u00e9\n');
    const write = checkedWrite(root, { path: 'a.txt', before: '\ufeffcaf\u00e9\n', after: '\ufeffcaf\u00e9s\n' }, 'the run');
    assert.equal(write.path, path.join(root, 'a.txt'));
    assert.ok(write.content.equals(Buffer.from('\ufeffcaf\u00e9s\n', 'utf8')));
    assert.deepEqual(checkedWrite(root, { path: 'new/b.txt', after: 'b\n' }, 'the run'), { path: path.join(root, 'new', 'b.txt'), content: Buffer.from('b\n') });
  });

  it('refuses a file that is not UTF-8, even when its lossy decode matches', () => {
    const root = makeTempDir('checked');
    fs.writeFileSync(path.join(root, 'l.txt'), Buffer.from('caf\u00e9\n', 'latin1'));
    const err = refusal(() => checkedWrite(root, { path: 'l.txt', before: 'caf\ufffd\n', after: 'cafe\n' }, 'the run'));
    assert.equal(err.reason, 'notText');
    assert.equal(err.message, 'l.txt is not UTF-8 text; Atomic Skills edits UTF-8 files only. Nothing written.');
  });

  it('refuses a file that changed, appeared or went away during the run', () => {
    const root = makeTempDir('checked');
    fs.writeFileSync(path.join(root, 'a.txt'), 'a2\n');
    fs.writeFileSync(path.join(root, 'new.txt'), 'surprise\n');
    const changed = refusal(() => checkedWrite(root, { path: 'a.txt', before: 'a\n', after: 'b\n' }, 'the workflow ran'));
    assert.deepEqual([changed.reason, changed.message], ['editNotApplied', 'a.txt changed while the workflow ran; nothing written.']);
    const appeared = refusal(() => checkedWrite(root, { path: 'new.txt', after: 'mine\n' }, 'the workflow ran'));
    assert.equal(appeared.message, 'new.txt appeared while the workflow ran; nothing written.');
    const gone = refusal(() => checkedWrite(root, { path: 'gone.txt', before: 'x\n', after: 'y\n' }, 'the workflow ran'));
    assert.equal(gone.message, 'gone.txt was removed while the workflow ran; nothing written.');
    // Only the same bytes count: a line-ending change is a change.
    fs.writeFileSync(path.join(root, 'crlf.txt'), 'one\r\n');
    assert.match(refusal(() => checkedWrite(root, { path: 'crlf.txt', before: 'one\n', after: 'two\n' }, 'the run')).message, /changed/);
  });
});
