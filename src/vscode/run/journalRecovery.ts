import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { keptVersionMessage, type MutationJournal } from '../../core/mutate/mutationJournal';
import { log } from '../log';

/**
 * Puts back files an interrupted run left changed. One edited since is not touched, and the user
 * is warned: the file may still hold a mutant or a temporary test.
 */
export async function recoverJournal(journal: MutationJournal): Promise<void> {
  try {
    for (const r of await journal.recover()) {
      if (r.action !== 'changedSinceKeptJournal') {
        log.info(`Mutation journal: ${r.action} ${r.file}`);
        continue;
      }
      const message = `Atomic Skills: ${keptVersionMessage(r)}`;
      log.warn(message);
      void vscode.window.showWarningMessage(message);
    }
  } catch (err) {
    log.error(`Mutation journal recovery failed: ${errorMessage(err)}`);
  }
}
