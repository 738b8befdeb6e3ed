// Size caps of stored feedback: a hostile 50 MB reply must not become a 157 MB record or export row.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { exportLines } from '../../../src/core/feedback/exporters';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { isFeedbackEvent } from '../../../src/core/feedback/foldEvents';
import { newRecordEvent } from '../../../src/core/feedback/recordBuilder';
import { capEventSize, capText, maxFieldBytes, maxRecordBytes } from '../../../src/core/feedback/recordSize';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { folded, recordEvent, testModel } from './feedbackFixtures';

after(removeTempDirs);

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const fiftyMb = 'function f() { return 1; }\n'.repeat(Math.ceil((50 * 1024 * 1024) / 27));

describe('capText', () => {
  it('leaves text within the limit as it is', () => {
    assert.equal(capText('short', 100), 'short');
    const exact = 'é'.repeat(50);
    assert.equal(capText(exact, 100), exact);
  });

  it('cuts longer text to at most the limit, with a marker saying how much went', () => {
    const cut = capText(fiftyMb, maxFieldBytes);
    assert.ok(bytes(cut) <= maxFieldBytes, `${bytes(cut)} bytes`);
    assert.ok(bytes(cut) > maxFieldBytes - 64);
    assert.ok(fiftyMb.startsWith(cut.slice(0, cut.indexOf('…[truncated'))));
    assert.match(cut, /…\[truncated 49 MiB\]$/);
  });

  it('never splits a multi-byte character', () => {
    for (const limit of [61, 62, 63, 64]) {
      const cut = capText('€'.repeat(100), limit);
      assert.ok(bytes(cut) <= limit);
      assert.match(cut, /^€+…\[truncated \d+ bytes\]$/, cut);
    }
  });
});

describe('records within the caps', () => {
  it('a 50 MB reply, in the completion and in later messages, gives a valid record under 4 MiB', { timeout: 60_000 }, () => {
    const event = newRecordEvent(
      {
        skill: 'edit',
        surface: 'cli',
        model: testModel,
        messages: [
          { role: 'user', content: 'Change it.' },
          { role: 'assistant', content: fiftyMb },
          { role: 'user', content: `Block 1 failed. Your reply was:\n${fiftyMb}` },
          { role: 'assistant', content: fiftyMb },
        ],
      },
      { session: 's', level: 'all' },
    )!;
    const line = JSON.stringify(event);
    assert.ok(bytes(line) <= maxRecordBytes, `${bytes(line)} bytes`);
    assert.ok(isFeedbackEvent(JSON.parse(line)));
    assert.equal(event.messages![0].content, 'Change it.');
    assert.match(event.completion!.text, /^function f\(\) \{ return 1; \}\n[^]*…\[truncated \d+(\.\d)? MiB\]$/);
    assert.match(event.messages![2].content, /^Block 1 failed\. Your reply was:\n/);
  });

  it('the store keeps any event it is handed within the caps, and reads it back', { timeout: 60_000 }, async () => {
    const dir = makeTempDir('capped-store');
    const store = new FeedbackStore(dir);
    const big = recordEvent({ completion: { text: fiftyMb }, messages: [{ role: 'user', content: fiftyMb }] });
    await store.append(big);
    await store.close();
    const [file] = await store.files();
    assert.ok(fs.statSync(file).size <= maxRecordBytes + 1, `${fs.statSync(file).size} bytes on disk`);
    const { records } = await store.readRecords();
    assert.equal(records.length, 1);
    assert.equal(records[0].id, big.id);
    assert.match(records[0].completion!.text, /…\[truncated \d+(\.\d)? MiB\]$/);
  });

  it('an export row of a record stored before the caps is within them too', { timeout: 60_000 }, () => {
    const legacy = folded({ completion: { text: fiftyMb }, messages: [{ role: 'user', content: fiftyMb }, { role: 'assistant', content: fiftyMb }, { role: 'user', content: 'again' }] }, [
      { kind: 'vote', value: 'helpful' },
    ]);
    const rows = [...exportLines([legacy], 'trl-kto')];
    assert.equal(rows.length, 1);
    assert.ok(bytes(rows[0]) <= maxRecordBytes, `${bytes(rows[0])} bytes`);
    const row = JSON.parse(rows[0]) as { prompt: Array<{ content: string }>; label: boolean };
    assert.equal(row.label, true);
    assert.equal(row.prompt[2].content, 'again');
  });

  it('a transcript of very many short messages is replaced by one note saying so', () => {
    const messages = Array.from({ length: 8000 }, (_, i) => ({ role: 'user' as const, content: `message ${i} `.padEnd(1200, 'x') }));
    const capped = capEventSize(recordEvent({ messages, completion: { text: 'the answer' } }));
    assert.ok(bytes(JSON.stringify(capped)) <= maxRecordBytes);
    assert.equal(capped.messages!.length, 1);
    assert.match(capped.messages![0].content, /^…\[truncated: the 8000 messages and the tools took \d+(\.\d)? MiB, over the 4 MiB a record may hold\]$/);
    assert.equal(capped.completion!.text, 'the answer');
    assert.ok(isFeedbackEvent(capped));
  });

  it('an event within the caps is unchanged', () => {
    const small = recordEvent();
    assert.deepEqual(capEventSize(small), small);
  });
});
