import type { RunRequest, RunResult } from '../run/runTypes';

/** Why a command runs, for the consent question: what it is for and which arguments are file paths. */
export interface RunPurpose {
  /** "run the generated tests", "run the reproduction script" */
  purpose: string;
  /** Positions of file arguments an "always allow" may generalise. */
  fileArgumentIndexes?: number[];
  /** The model wrote this command (not derived from the project's own test setup). */
  modelProposed?: boolean;
}

export type CommandRunner = (request: RunRequest, why: RunPurpose) => Promise<RunResult>;
