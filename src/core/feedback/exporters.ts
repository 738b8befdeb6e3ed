/**
 * Exports folded records to the JSON Lines formats training tools read:
 * - `trl-dpo`: TRL conversational preference, `{"prompt": [messages], "chosen": [assistant], "rejected": [assistant]}`
 *   (plus `tools` when the prompt offered tools), from the pairs of preference.ts.
 * - `trl-kto`: TRL conversational unpaired preference, `{"prompt": [...], "completion": [assistant], "label": bool}`,
 *   one row per record with a polarity.
 * - `openai-dpo`: OpenAI preference fine-tuning, `{"input": {"messages": [...], "tools"?: [...]},
 *   "preferred_output": [assistant], "non_preferred_output": [assistant]}`, from the same pairs.
 * Messages: system/user as `{role, content}`; assistant tool calls as `tool_calls: [{id, type: "function", function:
 * {name, arguments}}]` (arguments a JSON string for OpenAI, an object for TRL, as their docs show); tool results as
 * `{role: "tool", tool_call_id, content}` (TRL also gets `name`). Every string is redacted again on the way out, so
 * data stored before a redaction rule existed still leaves clean.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChatMessage, ToolCall, ToolSpec } from '../model/types';
import type { FeedbackRecord } from './feedbackTypes';
import { findPairs, isTrainable, polarityOf, type PreferencePair } from './preference';
import { redactValue } from './redact';
import { capEventSize } from './recordSize';

export const exportFormats = ['trl-dpo', 'trl-kto', 'openai-dpo'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

/** Why a record produced no row. */
export type SkipReason = 'noCode' | 'noCompletion' | 'unlabeled' | 'unpaired';

export interface ExportStats {
  format: ExportFormat;
  records: number;
  rows: number;
  /** Records that produced no row, by reason (a record in at least one pair is not skipped). */
  skipped: Record<SkipReason, number>;
}

type Dialect = 'openai' | 'trl';
type Json = Record<string, unknown>;

/** Arguments stay an object until the row is redacted (see openAiArguments). */
function toolCallJson(call: ToolCall): Json {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

function assistantJson(text: string, toolCalls: ToolCall[] | undefined): Json {
  const out: Json = { role: 'assistant', content: text };
  if (toolCalls && toolCalls.length > 0) out.tool_calls = toolCalls.map(toolCallJson);
  return out;
}

/**
 * OpenAI wants each tool call's arguments as a JSON string. Done after redaction: redacting the
 * string form would read its quotes as part of a value (`{"text":"api_key:"}` after a secret
 * rule is no longer JSON) and could join escaped lines.
 */
function openAiArguments(messages: unknown): void {
  if (!Array.isArray(messages)) return;
  for (const m of messages as Json[]) {
    for (const call of (Array.isArray(m.tool_calls) ? m.tool_calls : []) as Array<{ function: Json }>) {
      call.function.arguments = JSON.stringify(call.function.arguments);
    }
  }
}

export function messageJson(m: ChatMessage, dialect: Dialect): Json {
  switch (m.role) {
    case 'assistant':
      return assistantJson(m.content, m.toolCalls);
    case 'tool':
      return dialect === 'openai'
        ? { role: 'tool', tool_call_id: m.toolCallId, content: m.content }
        : { role: 'tool', tool_call_id: m.toolCallId, name: m.name, content: m.content };
    default:
      return { role: m.role, content: m.content };
  }
}

function toolsJson(tools: ToolSpec[] | undefined): Json[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

function completionJson(record: FeedbackRecord): Json[] {
  return [assistantJson(record.completion!.text, record.completion!.toolCalls)];
}

function pairRow(pair: PreferencePair, format: 'trl-dpo' | 'openai-dpo'): Json {
  const dialect: Dialect = format === 'openai-dpo' ? 'openai' : 'trl';
  const messages = pair.prompt.messages!.map((m) => messageJson(m, dialect));
  const tools = toolsJson(pair.prompt.tools);
  if (format === 'openai-dpo') {
    const input: Json = { messages };
    if (tools) input.tools = tools;
    return { input, preferred_output: completionJson(pair.chosen), non_preferred_output: completionJson(pair.rejected) };
  }
  const row: Json = { prompt: messages, chosen: completionJson(pair.chosen), rejected: completionJson(pair.rejected) };
  if (tools) row.tools = tools;
  return row;
}

function ktoRow(record: FeedbackRecord, label: boolean): Json {
  const row: Json = { prompt: record.messages!.map((m) => messageJson(m, 'trl')), completion: completionJson(record), label };
  const tools = toolsJson(record.tools);
  if (tools) row.tools = tools;
  return row;
}

/** Yields the export's lines (one JSON object each, no newline) and fills `stats` as it goes. */
export function* exportLines(stored: readonly FeedbackRecord[], format: ExportFormat, stats: ExportStats = newStats(format)): Generator<string> {
  // Records stored before the size caps existed leave within them too.
  const records = stored.map((r) => capEventSize(r));
  stats.records = records.length;
  const skip = (r: FeedbackRecord, unlabeledReason: SkipReason) => {
    if (r.level === 'noCode' || !r.messages) stats.skipped.noCode++;
    else if (!r.completion) stats.skipped.noCompletion++;
    else stats.skipped[unlabeledReason]++;
  };
  if (format === 'trl-kto') {
    for (const r of records) {
      const { polarity } = polarityOf(r);
      if (!isTrainable(r) || polarity === 'unlabeled') skip(r, 'unlabeled');
      else {
        stats.rows++;
        yield JSON.stringify(redactValue(ktoRow(r, polarity === 'positive')));
      }
    }
    return;
  }
  const pairs = findPairs(records);
  const paired = new Set<string>();
  for (const p of pairs) paired.add(p.chosen.id).add(p.rejected.id);
  for (const r of records) if (!paired.has(r.id)) skip(r, isTrainable(r) && polarityOf(r).polarity !== 'unlabeled' ? 'unpaired' : 'unlabeled');
  for (const pair of pairs) {
    stats.rows++;
    const row = redactValue(pairRow(pair, format));
    if (format === 'openai-dpo') for (const part of [(row.input as Json).messages, row.preferred_output, row.non_preferred_output]) openAiArguments(part);
    yield JSON.stringify(row);
  }
}

function newStats(format: ExportFormat): ExportStats {
  return { format, records: 0, rows: 0, skipped: { noCode: 0, noCompletion: 0, unlabeled: 0, unpaired: 0 } };
}

/** The export as JSON lines (no newlines), with its counts. */
export function exportRecords(records: readonly FeedbackRecord[], format: ExportFormat): { lines: string[]; stats: ExportStats } {
  const stats = newStats(format);
  const lines = [...exportLines(records, format, stats)];
  return { lines, stats };
}

/**
 * Writes the export to `outFile` as JSON Lines: streamed to a temporary file next to it, flushed, then renamed over
 * `outFile`, so the output is either the complete new export or untouched.
 */
export async function writeExport(records: readonly FeedbackRecord[], format: ExportFormat, outFile: string): Promise<ExportStats> {
  const stats = newStats(format);
  const target = path.resolve(outFile);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.tmp`);
  const handle = await fs.promises.open(temp, 'wx', 0o600);
  try {
    let buffer: string[] = [];
    let size = 0;
    for (const line of exportLines(records, format, stats)) {
      buffer.push(line, '\n');
      size += line.length + 1;
      if (size >= 1 << 20) {
        await handle.writeFile(buffer.join(''), 'utf8');
        buffer = [];
        size = 0;
      }
    }
    if (size > 0) await handle.writeFile(buffer.join(''), 'utf8');
    await handle.sync();
    await handle.close();
    await fs.promises.rename(temp, target);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
  return stats;
}
