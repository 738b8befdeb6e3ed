import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../core/errors';
import { FeedbackStore } from '../core/feedback/feedbackStore';
import { defaultFeedbackDir } from './feedbackDir';
import { exportFormats, isExportFormat, writeExport, type ExportFormat, type ExportStats } from '../core/feedback/exporters';

export interface ExportCommandOptions {
  format?: string;
  out?: string;
  skill?: string;
  since?: string;
  store?: string;
}

export interface ExportCommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

export function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !Number.isFinite(time)) {
    throw new AtomicError('usage', `--since must be a date like 2025-01-31 or 2025-01-31T12:00:00Z, got "${value}".`);
  }
  return new Date(time);
}

function summary(stats: ExportStats, outFile: string, damagedLines: number, orphanLabels: number): string {
  const skipped = Object.entries(stats.skipped).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`);
  const lines = [
    `Wrote ${stats.rows} ${stats.format} row${stats.rows === 1 ? '' : 's'} to ${outFile} from ${stats.records} record${stats.records === 1 ? '' : 's'}.`,
    `Skipped records: ${skipped.length > 0 ? skipped.join(', ') : 'none'}.`,
  ];
  if (damagedLines > 0) lines.push(`Damaged store lines skipped: ${damagedLines}.`);
  if (orphanLabels > 0) lines.push(`Labels without their record: ${orphanLabels}.`);
  return lines.join('\n');
}

/** `atomic-skills export`: reads the feedback store, writes one export file; returns the exit code. */
export async function exportCommand(options: ExportCommandOptions, io: ExportCommandIo): Promise<number> {
  if (!options.format) throw new AtomicError('usage', `export needs --format (${exportFormats.join(' | ')}).`);
  if (!isExportFormat(options.format)) {
    throw new AtomicError('usage', `Unknown export format "${options.format}"; use one of: ${exportFormats.join(', ')}.`);
  }
  if (!options.out) throw new AtomicError('usage', 'export needs --out FILE.');
  const format: ExportFormat = options.format;
  const since = parseSince(options.since);
  const folder = path.resolve(options.store ?? defaultFeedbackDir(io.env));
  if (!fs.existsSync(folder)) {
    throw new AtomicError('configuration', `No feedback data at ${folder}.`, 'Pass --store DIR or set ATOMIC_SKILLS_FEEDBACK_DIR; the extension writes preference data only when it is enabled in settings.');
  }
  const outFile = path.resolve(options.out);
  if (!fs.existsSync(path.dirname(outFile))) throw new AtomicError('usage', `The folder of --out does not exist: ${path.dirname(outFile)}.`);
  const store = new FeedbackStore(folder);
  const { records, damagedLines, orphanLabels } = await store.readRecords({ skill: options.skill, since });
  const stats = await writeExport(records, format, outFile);
  io.out(summary(stats, outFile, damagedLines, orphanLabels));
  return 0;
}
