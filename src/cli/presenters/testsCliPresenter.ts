import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../../core/errors';
import { summarizeTests } from '../../core/skills/tests/testsSkill';
import type { TestsInput, TestsResult } from '../../core/skills/tests/testsTypes';
import { booleanFlag, dryRunFlag, yesFlag } from '../cliFlags';
import type { CliPresenter } from '../cliPresenter';
import { targetFlag } from '../targetFlag';
import { writeNewFile } from '../writeNewFile';

/** tests: --target FILE[:SYMBOL], the passing tests written to a new file unless --dry-run; exit 1 when none pass. */
export const testsCliPresenter: CliPresenter<TestsInput, TestsResult> = {
  aliases: ['test'],
  omit: ['symbol'],
  properties: { target: { value: 'FILE[:SYMBOL]' }, testFile: { from: 'newRepoFile' } },
  flags: [dryRunFlag, yesFlag],
  runs: 'run the generated tests',
  help: `Asks the model for unit tests of the target (a file, or FILE:SYMBOL for a function, method
or class) in the project's own framework, with an existing test file as the style example. The
tests are run on the current code; failures go back to the model (up to 2 fixes); passing tests
are run against N mutants (default 12) of the target and the mutation score and the surviving
mutants (gaps) are printed. Only passing tests are written, to a new file (--test-file, else
beside the project's tests); --dry-run writes nothing. Exit 1 when no passing tests came out.
Runs model-written code: each command line is asked about at a terminal, or allowed for the run
with --yes; without either it refuses. Runs are sandboxed where bubblewrap works.`,
  input(input, _values, root) {
    const { file, symbol } = targetFlag(root, input.target ?? '');
    if (input.testFile && fs.existsSync(path.resolve(root, input.testFile))) {
      throw new AtomicError('usage', `--test-file ${input.testFile} exists; name a new file (generated tests never replace one).`);
    }
    return { ...input, target: file, symbol };
  },
  async present(result, { values, root, io, json }) {
    const written = result.passed && !booleanFlag(values, 'dry-run') ? (await writeNewFile(root, result.testFile, result.content), [result.testFile]) : [];
    if (json) io.out(JSON.stringify({ ...result, written }, null, 2));
    else io.out(summarizeTests(result) + (written.length ? `\n\nWrote ${written[0]}.` : ''));
    return result.passed ? 0 : 1;
  },
};
