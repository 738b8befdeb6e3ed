import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError, errorMessage } from '../../core/errors';
import { withoutHugeFileTexts } from '../../core/skills/edit/editedFileJson';
import type { WorkflowInput } from '../../core/workflows/workflowSkill';
import type { WorkflowResult } from '../../core/workflows/workflowTypes';
import { writeFilesAtomically } from '../atomicWriter';
import { checkedWrite } from '../checkedWrites';
import { booleanFlag, stringFlag, yesFlag } from '../cliFlags';
import type { CliPresenter } from '../cliPresenter';
import { exitCode, exitCodeOfWorkflow } from '../exitCodes';
import { renderSteps } from '../workflowSteps';

/** --out must name a file in an existing folder: found out before the workflow runs, not after. */
function checkOutFile(out: string): void {
  const full = path.resolve(out);
  const folder = path.dirname(full);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new AtomicError('usage', `--out ${out}: the folder ${folder} does not exist.`);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) throw new AtomicError('usage', `--out ${out} is a folder; name a file.`);
}

export const workflowHelp = `Prints each step's check on standard error and the final patch (a unified diff) on standard
output, or to --out; the repository is not changed unless --apply (written only when the
workflow succeeded and every touched file still holds the bytes the workflow read; otherwise
nothing is written, the patch is still printed and the exit code is 1). A failed check goes back
to the step that can fix it, with the failure, a bounded number of times. Steps that run code
(a reproduction, the tests) ask at a terminal, or take --yes. Exit 0 when it succeeded, 1 when
not.`;

/**
 * Every workflow's CLI presenter: the task from --issue FILE, the patch printed or written to
 * --out, the files written with --apply (only when it succeeded and nothing changed since),
 * each step's check on stderr; exit codes as exitCodeOfWorkflow.
 */
export function workflowCliPresenter(title: string): CliPresenter<WorkflowInput, WorkflowResult> {
  return {
    properties: { issue: { from: 'textFile' } },
    flags: [
      { name: 'apply', type: 'boolean', description: 'Write the final patch into the repository when the workflow succeeded.' },
      { name: 'out', type: 'string', value: 'PATCH', description: 'Write the patch to this file instead of standard output.' },
      yesFlag,
    ],
    help: workflowHelp,
    input(input, values) {
      const out = stringFlag(values, 'out');
      if (out) checkOutFile(out);
      return input as WorkflowInput;
    },
    async present(result, { values, root, io, json }) {
      const apply = booleanFlag(values, 'apply');
      const out = stringFlag(values, 'out');
      let written: string[] = [];
      let notApplied: string | undefined;
      if (apply && result.status === 'succeeded' && result.files.length) {
        // A refusal keeps the patch: it is still printed (or written to --out) below.
        try {
          await writeFilesAtomically(result.files.map((f) => checkedWrite(root, f, 'the workflow ran')));
          written = result.files.map((f) => f.path);
        } catch (err) {
          notApplied = errorMessage(err);
        }
      }
      // Only a patch is written, whole or not at all: a failed run leaves an earlier --out as it was.
      let outFailed: string | undefined;
      if (out && result.patch) {
        try {
          await writeFilesAtomically([{ path: path.resolve(out), content: Buffer.from(result.patch, 'utf8') }]);
        } catch (err) {
          outFailed = `Could not write ${out}: ${errorMessage(err)}`;
          io.err(`${outFailed} The patch follows on standard output.`);
          if (!json) io.out(result.patch);
        }
      }
      if (json) io.out(JSON.stringify(withoutHugeFileTexts({ ...result, written, ...(notApplied ? { notApplied } : {}) }), null, 2));
      else {
        io.err(`\n${title}: ${result.status}${result.failedStep ? ` at ${result.failedStep}` : ''} in ${(result.durationMs / 1000).toFixed(1)} s\n${renderSteps(result)}`);
        if (!out && result.patch) io.out(result.patch);
        if (written.length) io.err(`Wrote ${written.join(', ')}.`);
        else if (notApplied) io.err(`Not applied: ${notApplied} The patch is ${out ? `in ${out}` : 'on standard output'}; apply it by hand or run again.`);
        else if (result.patch && !apply) io.err('The repository is unchanged (--apply writes the patch).');
      }
      if (notApplied || outFailed) return exitCode.checkFailed;
      return exitCodeOfWorkflow(result);
    },
  };
}
