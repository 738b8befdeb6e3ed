import { errorMessage } from '../errors';
import type { Restore } from './mutationJournal';

/** Runs every restore, last made first, whether or not an earlier one fails; returns the failures' messages. */
export async function restoreAll(restores: readonly Restore[]): Promise<string[]> {
  const problems: string[] = [];
  for (const restore of [...restores].reverse()) {
    try {
      await restore();
    } catch (err) {
      problems.push(errorMessage(err));
    }
  }
  return problems;
}
