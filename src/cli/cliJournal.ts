import * as path from 'node:path';
import { MutationJournal } from '../core/mutate/mutationJournal';
import { defaultCacheDir } from './codeAssets';

/** The journal every CLI run shares, so a crashed run is repaired by the next one. */
export function cliMutationJournal(env: NodeJS.ProcessEnv): MutationJournal {
  return new MutationJournal(path.join(defaultCacheDir(env), 'mutations'));
}
