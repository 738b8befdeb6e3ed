import * as fs from 'node:fs';
import { isWithin } from '../workspacePaths';

/** The real path of `root`, or undefined when it cannot be resolved (missing). */
export function realRootOf(root: string): string | undefined {
  try {
    return fs.realpathSync.native(root);
  } catch {
    return undefined;
  }
}

/**
 * The real path of `file` when it exists and stays inside `realRoot`, else undefined. What the
 * index and its navigation read is sent to the model, so a symlink leading out of the workspace
 * (to ~/.ssh, say) must never be read through.
 */
export function realPathInside(realRoot: string, file: string): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
  return isWithin(realRoot, real) ? real : undefined;
}
