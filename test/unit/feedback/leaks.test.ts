// Planted secrets in every part of a record and its labels: none may reach a byte of the store or of any export.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { exportFormats, writeExport } from '../../../src/core/feedback/exporters';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { newLabelEvent, newRecordEvent } from '../../../src/core/feedback/recordBuilder';
import type { ChatMessage } from '../../../src/core/model/types';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { randomToken, recordEvent, testModel } from './feedbackFixtures';
import { plantedCases } from './plantedSecrets';

after(removeTempDirs);

function allBytes(dir: string): string {
  return fs.readdirSync(dir).map((n) => fs.readFileSync(path.join(dir, n), 'utf8')).join('\n');
}

describe('no planted secret leaks', () => {
  it('into the store or any export, from messages, tool calls, completions, paths, label targets or metric keys', async () => {
    const cases = plantedCases();
    const values = cases.map((c) => c.value);
    const texts = cases.map((c) => c.text).join('\n\n');
    const storeDir = makeTempDir('leak-store');
    const store = new FeedbackStore(storeDir);
    const session = 'leak-session';
    const aws = `AKIA${randomToken(16).toUpperCase()}`;
    const github = `ghp_${randomToken(36)}`;
    values.push(aws, github);

    const transcript = (answer: string): ChatMessage[] => [
      { role: 'system', content: `System prompt with ${cases[0].text}` },
      { role: 'user', content: `Please fix this:\n${texts}` },
      { role: 'assistant', content: cases[3].text, toolCalls: [{ id: 'c1', name: 'readFile', arguments: { path: '.env' } }, { id: 'c2', name: 'runCommand', arguments: { command: cases[26].text, token: cases[20].value } }] },
      { role: 'tool', toolCallId: 'c1', name: 'readFile', content: `SMTP_PASSWORD=${cases[21].value}\nNOT_SECRET_NAME=${cases[30].value}\n` },
      { role: 'tool', toolCallId: 'c2', name: 'runCommand', content: texts },
      { role: 'assistant', content: `${answer}\n${texts}`, toolCalls: [{ id: 'c3', name: 'writeFile', arguments: { path: '.env.local', content: `KEY=${cases[22].value}` } }] },
    ];
    const first = newRecordEvent(
      {
        skill: 'edit', surface: 'chat', model: { ...testModel, endpoint: `https://proxy:${cases[18].value}@llm.local/v1` },
        messages: transcript('First try.'),
        tools: [{ name: 'readFile', description: `Reads files. Example key: ${cases[4].value}`, parameters: { type: 'object' } }],
        files: [{ path: `secrets/${aws}/creds.txt`, content: texts }],
        metrics: { [`latency_${github}`]: 12, promptTokens: 900 },
      },
      { session, level: 'all' },
    )!;
    const second = newRecordEvent({ skill: 'edit', surface: 'chat', model: testModel, messages: transcript('Second try.'), previousAttemptId: first.id }, { session, level: 'all' })!;
    const noCode = newRecordEvent({ skill: 'edit', surface: 'chat', model: testModel, messages: transcript('x'), files: [{ path: `p/${github}`, content: 'c' }] }, { session, level: 'noCode' })!;
    const events = [
      first, second, noCode,
      newLabelEvent(first.id, { kind: 'rejected', target: `src/${github}.ts:${cases[10].text}` }, session)!,
      newLabelEvent(second.id, { kind: 'accepted', target: cases[14].text }, session)!,
      newLabelEvent(second.id, { kind: 'check', name: 'tests', passed: true, detail: { output: texts, [`k_${aws}`]: 1 } }, session)!,
      newLabelEvent(noCode.id, { kind: 'accepted', target: cases[5].text }, { session, level: 'noCode' })!,
    ];
    await store.appendMany(events);
    // A raw event that never went through the builder: the store redacts it on its own.
    await store.append(recordEvent({ id: 'raw', skill: 'edit', messages: [{ role: 'user', content: texts }], completion: { text: texts } }));
    await store.close();

    const stored = allBytes(storeDir);
    assert.ok(stored.length > texts.length, 'the store holds the records');
    for (const v of values) assert.ok(!stored.includes(v), `store leaked ${v}`);

    const { records, damagedLines } = await store.readRecords();
    assert.equal(damagedLines, 0);
    assert.equal(records.length, 4);
    const exportDir = makeTempDir('leak-export');
    for (const format of exportFormats) {
      const stats = await writeExport(records, format, path.join(exportDir, `${format}.jsonl`));
      assert.ok(stats.rows >= 1, `${format} exported rows`);
    }
    const exported = allBytes(exportDir);
    assert.match(exported, /Second try\./);
    for (const v of values) assert.ok(!exported.includes(v), `export leaked ${v}`);
  });
});
