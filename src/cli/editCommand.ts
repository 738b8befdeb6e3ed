import { errorMessage } from '../core/errors';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { FsWorkspace } from '../core/fsWorkspace';
import { editSkill, proposedFiles, runEdit } from '../core/skills/edit/editSkill';
import { editedFileJson, type EditedFileJson } from '../core/skills/edit/editedFileJson';
import type { EditResult } from '../core/skills/edit/editTypes';
import { summarizeEdit } from '../core/skills/edit/summarizeEdit';
import { writeFilesAtomically, type PlannedWrite } from './atomicWriter';
import { checkedWrite } from './checkedWrites';
import { cliFeedbackNote, cliRecorder } from './cliFeedback';
import { cliModel, cliSettings, type CliModelOptions } from './cliModel';
import { codeAssetDirs } from './codeAssets';
import type { CliIo as CodeCommandIo } from './cliIo';
import { repoFolder } from './repoFolder';

export interface EditCommandOptions extends CliModelOptions {
  repo: string;
  instruction: string;
  files: string[];
  dryRun: boolean;
  json: boolean;
}

/** The JSON `edit --json` prints: the skill's result, plus what was written. */
export interface EditJson extends Omit<EditResult, 'files'> {
  /** Each file as in the result; before/after are absent (and `omitted` says so) when they are huge. */
  files: EditedFileJson[];
  dryRun: boolean;
  /** Paths written (none on a dry run or when not ok). */
  written: string[];
}

function forJson(result: EditResult, dryRun: boolean, written: string[]): EditJson {
  return { ...result, files: result.files.map(editedFileJson), dryRun, written };
}

/**
 * `atomic-skills edit`: asks the model for an edit, checks it (every block applies to exactly one
 * place, the files still parse, a bounded number of repair turns), then writes the proposed files
 * all or nothing. When not ok nothing is written and the exit code is 1; --dry-run prints the diffs.
 */
export async function editCommand(options: EditCommandOptions, io: CodeCommandIo): Promise<number> {
  const root = repoFolder(options.repo);
  const recorder = cliRecorder(io.env, io.err);
  const settings = cliSettings(options, io.env);
  const model = await cliModel(settings, io.env, io.err);
  const context = {
    model,
    workspace: new FsWorkspace(root),
    settings,
    signal: io.signal,
    surface: 'cli' as const,
    grammarAssetDirs: codeAssetDirs(),
    progress: options.json ? undefined : (m: string) => io.err(m),
  };
  const run = await runEdit({ instruction: options.instruction, files: options.files }, context);
  const { result } = run;
  const recordId = await recordSkillRun(recorder, editSkill, run, context);
  if (recordId && !options.json) io.err(cliFeedbackNote(recordId));

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
  const written = result.ok && !options.dryRun ? proposed.map((f) => f.path) : [];
  if (written.length) await writeFilesAtomically(writes);

  if (options.json) io.out(JSON.stringify(forJson(result, options.dryRun, written), null, 2));
  else {
    io.out(summarizeEdit(result));
    if (options.dryRun) io.out(proposed.length && result.ok ? `Dry run: would write ${proposed.map((f) => f.path).join(', ')}; nothing written.` : 'Dry run: nothing would be written.');
    else if (written.length) io.out(`Wrote ${written.join(', ')}.`);
    else if (!result.ok) io.out('Nothing written: not every edit applied.');
    else io.out('Nothing to write: the edits change no file.');
  }
  return result.ok ? 0 : 1;
}
