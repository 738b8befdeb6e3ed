import { AtomicError } from '../../core/errors';
import type { ReviewInput, ReviewResult } from '../../core/skills/review/reviewTypes';
import type { CliPresenter } from '../cliPresenter';
import { booleanFlag } from '../cliFlags';
import { outputFormat, renderReview } from '../reviewOutput';

/** review: the scope from --staged / --base, the verdict rendered for where it goes, exit 1 on NO only with --fail-on-no. */
export const reviewCliPresenter: CliPresenter<ReviewInput, ReviewResult> = {
  omit: ['scope'],
  properties: { base: { value: 'REV' }, head: { value: 'REV' } },
  flags: [
    { name: 'staged', type: 'boolean', description: 'Review only the staged changes.' },
    { name: 'markdown', type: 'boolean', description: 'Print the review as Markdown.' },
    { name: 'fail-on-no', type: 'boolean', description: 'Exit 1 when the verdict is NO.' },
  ],
  help: `Reviews all uncommitted changes (default), staged changes (--staged), or changes since
--base REV (to the working tree, or to --head REV). Prints a YES/NO verdict, the review and
findings anchored to changed lines: styled text at a terminal (plain when NO_COLOR is set),
plain text into a pipe or file, Markdown with --markdown, the typed result with --json.`,
  input(input, values) {
    const staged = booleanFlag(values, 'staged');
    if (staged && input.base) throw new AtomicError('usage', '--staged and --base cannot be combined.');
    if (input.head && !input.base) throw new AtomicError('usage', '--head needs --base.');
    outputFormat({ json: booleanFlag(values, 'json'), markdown: booleanFlag(values, 'markdown') }, false, {});
    return { ...input, scope: staged ? 'staged' : input.base ? 'range' : 'uncommitted' };
  },
  present(result, { values, io }) {
    const format = outputFormat({ json: booleanFlag(values, 'json'), markdown: booleanFlag(values, 'markdown') }, io.stdoutIsTerminal ?? false, io.env);
    io.out(renderReview(result, format));
    return booleanFlag(values, 'fail-on-no') && result.judgment === 'NO' ? 1 : 0;
  },
};
