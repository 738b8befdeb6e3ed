import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { after, describe, it } from 'node:test';
import { exportFormats, exportRecords, writeExport, type ExportFormat } from '../../../src/core/feedback/exporters';
import type { FeedbackRecord } from '../../../src/core/feedback/feedbackTypes';
import type { ChatMessage } from '../../../src/core/model/types';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { folded } from './feedbackFixtures';
import { checkRow } from './exportFormatChecks';

after(removeTempDirs);

const toolPrompt: ChatMessage[] = [
  { role: 'system', content: 'You edit code.' },
  { role: 'user', content: 'Fix the bug in a.ts' },
  { role: 'assistant', content: 'Reading it.', toolCalls: [{ id: 'call_1', name: 'readFile', arguments: { path: 'a.ts', lines: [1, 20] } }] },
  { role: 'tool', toolCallId: 'call_1', name: 'readFile', content: 'let x = 1' },
];
const tools = [{ name: 'readFile', description: 'Read a workspace file.', parameters: { type: 'object', properties: { path: { type: 'string' } } } }];

/** Two linked attempts (a rejected, b accepted), a single helpful vote, an unlabeled one, a noCode one. */
function sampleRecords(): FeedbackRecord[] {
  const a = folded({ id: 'a', messages: toolPrompt, tools, completion: { text: 'Changed x to 2.', toolCalls: [{ id: 'call_2', name: 'editFile', arguments: { path: 'a.ts', text: 'let x = 2' } }] } }, [{ kind: 'rejected' }]);
  const b = folded({ id: 'b', messages: toolPrompt, tools, previousAttemptId: 'a', completion: { text: 'The bug is the off-by-one; fixed.' } }, [{ kind: 'accepted', target: 'a.ts' }]);
  const c = folded({ id: 'c', skill: 'review', completion: { text: 'YES' } }, [{ kind: 'vote', value: 'helpful' }]);
  const d = folded({ id: 'd' });
  const e = folded({ id: 'e', level: 'noCode', messages: undefined, completion: undefined }, [{ kind: 'accepted' }]);
  const f = folded({ id: 'f', completion: undefined }, [{ kind: 'rejected' }]);
  return [a, b, c, d, e, f];
}

describe('exportRecords', () => {
  it('trl-dpo: prompt/chosen/rejected conversational rows (tools column when tools were offered)', () => {
    const { lines, stats } = exportRecords(sampleRecords(), 'trl-dpo');
    assert.equal(lines.length, 1);
    const row = JSON.parse(lines[0]);
    checkRow('trl-dpo', row);
    assert.deepEqual(row.prompt, [
      { role: 'system', content: 'You edit code.' },
      { role: 'user', content: 'Fix the bug in a.ts' },
      { role: 'assistant', content: 'Reading it.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'readFile', arguments: { path: 'a.ts', lines: [1, 20] } } }] },
      { role: 'tool', tool_call_id: 'call_1', name: 'readFile', content: 'let x = 1' },
    ]);
    assert.deepEqual(row.chosen, [{ role: 'assistant', content: 'The bug is the off-by-one; fixed.' }]);
    assert.deepEqual(row.rejected, [{ role: 'assistant', content: 'Changed x to 2.', tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'editFile', arguments: { path: 'a.ts', text: 'let x = 2' } } }] }]);
    assert.deepEqual(row.tools, [{ type: 'function', function: tools[0] }]);
    assert.deepEqual(stats, { format: 'trl-dpo', records: 6, rows: 1, skipped: { noCode: 1, noCompletion: 1, unlabeled: 1, unpaired: 1 } });
  });

  it('trl-kto: one prompt/completion/label row per labelled record', () => {
    const { lines, stats } = exportRecords(sampleRecords(), 'trl-kto');
    const rows = lines.map((l) => JSON.parse(l));
    rows.forEach((r) => checkRow('trl-kto', r));
    assert.deepEqual(rows.map((r) => [r.completion[0].content, r.label]), [['Changed x to 2.', false], ['The bug is the off-by-one; fixed.', true], ['YES', true]]);
    assert.deepEqual(rows[2].prompt, [{ role: 'system', content: 'You review code.' }, { role: 'user', content: 'Review this change.' }]);
    assert.equal(rows[2].tools, undefined);
    assert.deepEqual(stats.skipped, { noCode: 1, noCompletion: 1, unlabeled: 1, unpaired: 0 });
  });

  it('openai-dpo: input.messages (+ tools), preferred_output and non_preferred_output, OpenAI tool-call shape', () => {
    const { lines } = exportRecords(sampleRecords(), 'openai-dpo');
    assert.equal(lines.length, 1);
    const row = JSON.parse(lines[0]);
    checkRow('openai-dpo', row);
    assert.deepEqual(row.input.messages[2], { role: 'assistant', content: 'Reading it.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'readFile', arguments: '{"path":"a.ts","lines":[1,20]}' } }] });
    assert.deepEqual(row.input.messages[3], { role: 'tool', tool_call_id: 'call_1', content: 'let x = 1' });
    assert.deepEqual(row.input.tools, [{ type: 'function', function: tools[0] }]);
    assert.deepEqual(row.preferred_output, [{ role: 'assistant', content: 'The bug is the off-by-one; fixed.' }]);
    assert.equal(row.non_preferred_output[0].content, 'Changed x to 2.');
    assert.deepEqual(JSON.parse(row.non_preferred_output[0].tool_calls[0].function.arguments), { path: 'a.ts', text: 'let x = 2' });
  });

  it('openai-dpo: tool-call arguments stay valid JSON when their strings look like a secret being set', () => {
    const risky = [{ text: 'api_key:', path: 'src' }, { command: 'export GITHUB_TOKEN=', timeout: 30 }, { text: 'https://example.com:443\n@Injectable()' }];
    const prompt: ChatMessage[] = [
      { role: 'user', content: 'Find where the key is read' },
      { role: 'assistant', content: '', toolCalls: risky.map((args, i) => ({ id: `call_${i}`, name: 'search_text', arguments: args })) },
      ...risky.map((_, i): ChatMessage => ({ role: 'tool', toolCallId: `call_${i}`, name: 'search_text', content: 'no match' })),
    ];
    const chosen = folded({ id: 'c', messages: prompt, completion: { text: 'src/config.ts', toolCalls: [{ id: 'call_9', name: 'search_text', arguments: risky[0] }] } }, [{ kind: 'accepted' }]);
    const rejected = folded({ id: 'r', messages: prompt, completion: { text: 'src/other.ts' } }, [{ kind: 'rejected' }]);
    const row = JSON.parse(exportRecords([chosen, rejected], 'openai-dpo').lines[0]);
    checkRow('openai-dpo', row);
    const args = row.input.messages[1].tool_calls.map((c: { function: { arguments: string } }) => JSON.parse(c.function.arguments));
    assert.deepEqual(args, risky);
    assert.deepEqual(JSON.parse(row.preferred_output[0].tool_calls[0].function.arguments), risky[0]);
  });

  it('round-trips: every prompt message, completion and tool-call argument comes back from the rows', () => {
    const records = sampleRecords();
    const [a, b] = records;
    const dpo = JSON.parse(exportRecords(records, 'openai-dpo').lines[0]);
    assert.deepEqual(dpo.input.messages.map((m: { content: string }) => m.content), a.messages!.map((m) => m.content));
    const trl = JSON.parse(exportRecords(records, 'trl-dpo').lines[0]);
    assert.equal(trl.chosen[0].content, b.completion!.text);
    assert.deepEqual(trl.rejected[0].tool_calls[0].function.arguments, a.completion!.toolCalls![0].arguments);
  });
});

describe('writeExport', () => {
  async function readJsonl(file: string): Promise<unknown[]> {
    const rows: unknown[] = [];
    const reader = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of reader) {
      assert.notEqual(line.trim(), '', 'no blank lines');
      rows.push(JSON.parse(line));
    }
    return rows;
  }

  it('writes a JSON Lines file a line reader loads row by row, every row of the documented shape', async () => {
    const dir = makeTempDir('export');
    const many: FeedbackRecord[] = [];
    for (let i = 0; i < 300; i++) {
      const msgs: ChatMessage[] = [{ role: 'user', content: `Task ${i % 50}: "quotes", unicode é🙂, newline\nend` }];
      many.push(folded({ id: `r${i}`, messages: msgs, completion: { text: `answer ${i}` } }, [i % 3 === 0 ? { kind: 'rejected' } : { kind: 'accepted' }]));
    }
    for (const format of exportFormats) {
      const file = path.join(dir, `${format}.jsonl`);
      const stats = await writeExport(many, format, file);
      assert.ok(stats.rows > 0, format);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.endsWith('\n'));
      const rows = await readJsonl(file);
      assert.equal(rows.length, stats.rows, format);
      rows.forEach((row) => checkRow(format, row));
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), exportFormats.map((f) => `${f}.jsonl`).sort(), 'no temporary files left');
  });

  it('leaves an existing output untouched and no temporary file when the export fails part way', async () => {
    const dir = makeTempDir('export');
    const file = path.join(dir, 'out.jsonl');
    fs.writeFileSync(file, 'previous export\n');
    const records = Array.from({ length: 4000 }, (_, i) => folded({ id: `r${i}`, completion: { text: 'x'.repeat(1000) } }, [{ kind: 'accepted' }]));
    // JSON.stringify throws on a BigInt: the last row fails after more than one buffer was written.
    records[3999].completion = { text: 'boom', toolCalls: [{ id: 'c', name: 'f', arguments: { n: 10n } }] };
    await assert.rejects(writeExport(records, 'trl-kto' as ExportFormat, file), /BigInt/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'previous export\n');
    assert.deepEqual(fs.readdirSync(dir), ['out.jsonl']);
  });
});
