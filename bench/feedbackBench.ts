// Preference-data throughput: appending 100k realistic records (a few KB each) to the store, reading and folding them
// back, and exporting each format, each next to a plain baseline measured in the same run on the same data.
// `npm run bench feedback` (or node out/bench/feedbackBench.js); FEEDBACK_BENCH_RECORDS changes the count.
// Not a test: nothing here asserts a time.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportFormats, exportRecords, writeExport } from '../src/core/feedback/exporters';
import { FeedbackStore } from '../src/core/feedback/feedbackStore';
import type { FeedbackEvent, FeedbackRecord, Label, LabelEvent, RecordEvent } from '../src/core/feedback/feedbackTypes';
import type { ChatMessage } from '../src/core/model/types';

const recordCount = Number(process.env.FEEDBACK_BENCH_RECORDS ?? 100_000);
const skills = ['review', 'edit', 'generateTests'];
const base = Date.parse('2025-01-01T00:00:00.000Z');

function transcript(promptSeed: number, answerSeed: number): ChatMessage[] {
  let diff = '';
  for (let i = 0; diff.length < 1600; i++) diff += `+  const total${promptSeed}_${i} = items.reduce((sum, it) => sum + it.price * it.qty, ${i}); // line ${i}\n`;
  return [
    { role: 'system', content: 'You are a careful code reviewer. Reply YES or NO on the first line, then findings as JSON.' },
    { role: 'user', content: `Review this change (task ${promptSeed}):\n\`\`\`diff\n${diff}\`\`\`` },
    { role: 'assistant', content: '', toolCalls: [{ id: `call_${answerSeed}`, name: 'readFile', arguments: { path: `src/cart${promptSeed % 50}.ts` } }] },
    { role: 'tool', toolCallId: `call_${answerSeed}`, name: 'readFile', content: 'export function total(items: Item[]): number {\n  return items.reduce((s, i) => s + i.price, 0);\n}\n'.repeat(6) },
    { role: 'assistant', content: `NO\n[{"file":"src/cart.ts","line":${answerSeed % 90},"message":"qty ignored in attempt ${answerSeed}"}]` },
  ];
}

/** Record i and its labels: pairs of records share a prompt, every 4th regenerates the one before, most get a label. */
function eventsAt(i: number): FeedbackEvent[] {
  const all = transcript(Math.floor(i / 2), i);
  const record: RecordEvent = {
    v: 1, type: 'record', id: `rec-${i}`, time: new Date(base + i * 1000).toISOString(), session: 'bench', skill: skills[i % 3],
    surface: 'command', model: { backend: 'openai', model: 'qwen2.5-coder', endpoint: 'http://127.0.0.1:8000/v1' }, level: 'all',
    messages: all.slice(0, -1), completion: { text: all[all.length - 1].content }, metrics: { promptTokens: 800 + (i % 100), completionTokens: 60 },
  };
  if (i % 4 === 1) record.previousAttemptId = `rec-${i - 1}`;
  const events: FeedbackEvent[] = [record];
  const label = (l: Label, k: number): LabelEvent => ({ v: 1, type: 'label', id: `lab-${i}-${k}`, time: new Date(base + i * 1000 + 500 + k).toISOString(), session: 'bench', recordId: record.id, label: l });
  if (i % 5 !== 4) events.push(label(i % 2 ? { kind: 'accepted', target: 'src/cart.ts' } : { kind: 'rejected' }, 0));
  if (i % 7 === 0) events.push(label({ kind: 'survival', afterSeconds: 600, share: (i % 10) / 10 }, 1));
  return events;
}

function* chunks(size: number): Generator<FeedbackEvent[]> {
  for (let i = 0; i < recordCount; i += size) {
    const out: FeedbackEvent[] = [];
    for (let j = i; j < Math.min(recordCount, i + size); j++) out.push(...eventsAt(j));
    yield out;
  }
}

interface Row { name: string; records: number; seconds: number; bytes: number; baseline?: string }
const rows: Row[] = [];
const results = new Map<string, Row>();

async function measure(name: string, records: number, run: () => Promise<number> | number, baseline?: string): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  const bytes = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const row = { name, records, seconds, bytes, baseline };
  rows.push(row);
  results.set(name, row);
  process.stderr.write(`  ${name}: ${seconds.toFixed(2)} s\n`);
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, n) => sum + fs.statSync(path.join(dir, n)).size, 0);
}

function printTable(): void {
  const header = ['operation', 'records', 'seconds', 'records/s', 'MB/s', 'vs baseline'];
  const body = rows.map((r) => {
    const b = r.baseline ? results.get(r.baseline) : undefined;
    return [r.name, String(r.records), r.seconds.toFixed(2), Math.round(r.records / r.seconds).toLocaleString('en-US'), (r.bytes / 1e6 / r.seconds).toFixed(1), b ? `${(b.seconds / r.seconds).toFixed(2)}x of "${b.name}"` : '(baseline)'];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((line) => line[c].length)));
  const fmt = (line: string[]) => line.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of body) console.log(fmt(line));
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-feedback-bench-'));
  try {
    const sample = eventsAt(0)[0];
    console.log(`${recordCount.toLocaleString('en-US')} records of ~${(JSON.stringify(sample).length / 1024).toFixed(1)} KB, plus their labels; node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}`);
    const plainFile = path.join(root, 'baseline-appendFileSync.jsonl');
    await measure('baseline: fs.appendFileSync per line', recordCount, () => {
      for (const events of chunks(1000)) for (const e of events) fs.appendFileSync(plainFile, JSON.stringify(e) + '\n');
      return fs.statSync(plainFile).size;
    });
    const fdFile = path.join(root, 'baseline-writeSync.jsonl');
    await measure('baseline: writeSync per line, open fd', recordCount, () => {
      const fd = fs.openSync(fdFile, 'a');
      for (const events of chunks(1000)) for (const e of events) fs.writeSync(fd, JSON.stringify(e) + '\n');
      fs.closeSync(fd);
      return fs.statSync(fdFile).size;
    });
    const storeDir = path.join(root, 'store');
    await measure('store.append each (redacted)', recordCount, async () => {
      const store = new FeedbackStore(storeDir);
      for (const events of chunks(1000)) for (const e of events) await store.append(e);
      await store.close();
      return dirBytes(storeDir);
    }, 'baseline: fs.appendFileSync per line');
    const rawDir = path.join(root, 'store-raw');
    await measure('store.append each (no redaction)', recordCount, async () => {
      const store = new FeedbackStore(rawDir, { redact: false });
      for (const events of chunks(1000)) for (const e of events) await store.append(e);
      await store.close();
      return dirBytes(rawDir);
    }, 'baseline: fs.appendFileSync per line');
    const batchDir = path.join(root, 'store-batched');
    await measure('store.appendMany x1000 (redacted)', recordCount, async () => {
      const store = new FeedbackStore(batchDir);
      for (const events of chunks(1000)) await store.appendMany(events);
      await store.close();
      return dirBytes(batchDir);
    }, 'baseline: writeSync per line, open fd');

    const storeFiles = await new FeedbackStore(storeDir).files();
    await measure('baseline: readFileSync + JSON.parse', recordCount, () => {
      let parsed = 0;
      for (const f of storeFiles) for (const line of fs.readFileSync(f, 'utf8').split('\n')) if (line && JSON.parse(line)) parsed++;
      if (parsed < recordCount) throw new Error(`parsed only ${parsed} lines`);
      return dirBytes(storeDir);
    });
    let records: FeedbackRecord[] = [];
    await measure('store.readRecords (stream+fold)', recordCount, async () => {
      const result = await new FeedbackStore(storeDir).readRecords();
      records = result.records;
      if (records.length !== recordCount || result.damagedLines !== 0) throw new Error(`read ${records.length} records, ${result.damagedLines} damaged`);
      return dirBytes(storeDir);
    }, 'baseline: readFileSync + JSON.parse');

    await measure('baseline: JSON.stringify each record', recordCount, () => records.reduce((sum, r) => sum + JSON.stringify(r).length + 1, 0));
    for (const format of exportFormats) {
      let rowsOut = 0;
      await measure(`export ${format} (in memory)`, recordCount, () => {
        const { lines, stats } = exportRecords(records, format);
        rowsOut = stats.rows;
        return lines.reduce((sum, l) => sum + l.length + 1, 0);
      }, 'baseline: JSON.stringify each record');
      const file = path.join(root, `${format}.jsonl`);
      await measure(`export ${format} -> file (${rowsOut} rows)`, recordCount, async () => {
        await writeExport(records, format, file);
        return fs.statSync(file).size;
      }, 'baseline: JSON.stringify each record');
    }
    console.log('');
    printTable();
    console.log('\nMB/s: bytes written (append, export) or read (read) per second. "vs baseline" > 1 means faster than the baseline.');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
