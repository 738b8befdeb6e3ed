import { errorMessage } from '../../core/errors';
import { proposedFiles } from '../../core/skills/edit/editSkill';
import { editedFileJson, type EditedFileJson } from '../../core/skills/edit/editedFileJson';
import type { EditInput, EditResult } from '../../core/skills/edit/editTypes';
import { summarizeEdit } from '../../core/skills/edit/summarizeEdit';
import { writeFilesAtomically, type PlannedWrite } from '../atomicWriter';
import { checkedWrite } from '../checkedWrites';
import { booleanFlag, dryRunFlag } from '../cliFlags';
import type { CliPresenter } from '../cliPresenter';

/** The JSON `edit --json` prints: the skill's result, plus what was written. */
export interface EditJson extends Omit<EditResult, 'files'> {
  /** Each file as in the result; before/after are absent (and `omitted` says so) when they are huge. */
  files: EditedFileJson[];
  dryRun: boolean;
  /** Paths written (none on a dry run or when not ok). */
  written: string[];
}

/** edit: the proposed files written all or nothing after the run (never on --dry-run); exit 1 when not every block applied. */
export const editCliPresenter: CliPresenter<EditInput, EditResult> = {
  flags: [dryRunFlag],
  help: `Asks the model to change the files of DIR as TEXT says. --files names the targets
(comma-separated, inside DIR); their content is shown to the model, which may also read and
search the folder. Its edits (str_replace/create_file tool calls, SEARCH/REPLACE blocks or a
unified diff) are checked like apply's: each block must match exactly one place and the files
must still parse; failed blocks go back to the model with the nearest lines, up to 2 repair
turns. All or nothing: only when every block applied are the files written (atomically);
otherwise nothing is written and the exit code is 1. --dry-run writes nothing and prints the
diffs; --json prints the result (per-file diff and proposed content, per-block outcome, ok,
repairTurns, usage). Targets must be UTF-8 text up to 1 MiB: binary, non-UTF-8 and larger files
are refused before the model is asked. A file that changed on disk before the write is not
written (exit code 1).`,
  async present(result, { values, root, io, json }) {
    const dryRun = booleanFlag(values, 'dry-run');
    const proposed = proposedFiles(result);
    const writes: PlannedWrite[] = [];
    for (const f of proposed) {
      try {
        writes.push(checkedWrite(root, f, 'the model was editing'));
      } catch (err) {
        result.ok = false;
        result.report = [result.report, `REJECTED ${errorMessage(err)}`].filter(Boolean).join('\n');
      }
    }
    const written = result.ok && !dryRun ? proposed.map((f) => f.path) : [];
    if (written.length) await writeFilesAtomically(writes);
    if (json) {
      const out: EditJson = { ...result, files: result.files.map(editedFileJson), dryRun, written };
      io.out(JSON.stringify(out, null, 2));
    } else {
      io.out(summarizeEdit(result));
      if (dryRun) io.out(proposed.length && result.ok ? `Dry run: would write ${proposed.map((f) => f.path).join(', ')}; nothing written.` : 'Dry run: nothing would be written.');
      else if (written.length) io.out(`Wrote ${written.join(', ')}.`);
      else if (!result.ok) io.out('Nothing written: not every edit applied.');
      else io.out('Nothing to write: the edits change no file.');
    }
    return result.ok ? 0 : 1;
  },
};
