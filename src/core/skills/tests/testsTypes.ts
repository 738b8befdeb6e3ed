import type { RunIsolation } from '../../run/runTypes';
import type { MutationReport } from '../../mutate/mutantTypes';
import type { ModelIdentity, TokenUsage } from '../../model/types';

export interface TestsInput {
  /** Workspace-relative file holding the code under test. */
  target: string;
  /** A function, method or class in it (`name` or `Class.name`); the whole file when absent. */
  symbol?: string;
  /** What the code should do, in the user's words (docstrings and comments are read anyway). */
  behaviour?: string;
  /** Where the tests go; chosen from the project's layout when absent. Never an existing file. */
  testFile?: string;
  /** Mutants to run the final tests against (0: no mutation check). */
  mutants?: number;
}

export interface TestRunSummary {
  /** 0: the first version, n: after the n-th fix. */
  turn: number;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The end of the output. */
  output: string;
  /** How the workspace was kept from the run (see runInView). */
  isolation?: RunIsolation;
}

export interface TestsResult {
  target: string;
  symbol?: string;
  /** The proposed test file: path and content (not written by the skill). */
  testFile: string;
  content: string;
  framework: string;
  command: string[];
  /** The final tests pass on the current code: only then are they offered. */
  passed: boolean;
  runs: TestRunSummary[];
  /** Present when the tests passed and mutants were asked for. */
  mutation?: MutationReport;
  /** Why the skill stopped without passing tests, when it did. */
  failure?: string;
  usage: TokenUsage;
  model?: ModelIdentity;
}
