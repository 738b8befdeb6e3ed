import type { RunIsolation } from '../../run/runTypes';
import type { ModelIdentity, TokenUsage } from '../../model/types';

export interface ReproduceInput {
  /** The issue text: what goes wrong, ideally with the error or output seen. */
  issue: string;
}

export interface ReproductionRun {
  attempt: number;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** What the run printed (its end, when long). */
  output: string;
  /** The judge's verdict on a failing run: does the failure match the issue? */
  judgment?: { matches: boolean; reason: string };
  /** Why the attempt could not run or did not count. */
  problem?: string;
  /** How the workspace was kept from the script (see runInView); nothing it wrote is kept. */
  isolation?: RunIsolation;
}

export interface ReproductionResult {
  /** The script failed on the current code, the way the issue describes. */
  reproduced: boolean;
  /** The last proposed script (workspace-relative path) and how to run it; kept so a fix can be checked against it. */
  script?: { path: string; content: string };
  command?: string[];
  expectedFailure?: string;
  runs: ReproductionRun[];
  failure?: string;
  usage: TokenUsage;
  model?: ModelIdentity;
}
