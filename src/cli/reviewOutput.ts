import { AtomicError } from '../core/errors';
import type { ReviewResult } from '../core/skills/review/reviewTypes';
import { summarizeReview } from '../core/skills/review/summarizeReview';
import { ansi, renderMarkdown, withoutControlCharacters } from './terminalMarkdown';

/** How a command's result is printed: the typed JSON, Markdown, or text for a terminal (with or without ANSI styling). */
export type OutputFormat = 'json' | 'markdown' | 'ansi' | 'plain';

/**
 * --json and --markdown win; otherwise styled text when standard output is a terminal that takes
 * it (NO_COLOR unset or empty, TERM not "dumb"; https://no-color.org), else plain text for pipes and files.
 */
export function outputFormat(flags: { json?: boolean; markdown?: boolean }, stdoutIsTerminal: boolean, env: NodeJS.ProcessEnv): OutputFormat {
  if (flags.json && flags.markdown) throw new AtomicError('usage', '--json and --markdown cannot be combined.');
  if (flags.json) return 'json';
  if (flags.markdown) return 'markdown';
  return stdoutIsTerminal && !env.NO_COLOR && env.TERM !== 'dumb' ? 'ansi' : 'plain';
}

/** The review as the format says; the verdict is stated once, first (coloured at a terminal). */
export function renderReview(result: ReviewResult, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(result, null, 2);
  const markdown = summarizeReview(result);
  if (format === 'markdown') return withoutControlCharacters(markdown);
  const text = renderMarkdown(markdown, format);
  if (format === 'plain') return text;
  const colour = result.judgment === 'YES' ? ansi.green : ansi.red;
  return text.replace(`Verdict: ${result.judgment}`, `Verdict: ${colour(result.judgment)}`);
}
