import type { RunIsolation } from '../run/runTypes';
export type MutationOperator = 'comparison' | 'boundary' | 'boolean' | 'arithmetic' | 'constant' | 'return' | 'statement' | 'negation';

/** One injected fault: replace [start, end) of the file's text with `replacement`. */
export interface Mutant {
  id: number;
  operator: MutationOperator;
  /** 1-based position of the change. */
  line: number;
  column: number;
  start: number;
  end: number;
  original: string;
  replacement: string;
  /** "line 5: `<` → `<=`" */
  description: string;
}

export type MutantStatus = 'killed' | 'survived' | 'timedOut';

export interface MutantOutcome extends Mutant {
  status: MutantStatus;
  durationMs: number;
  /** Unified diff of the mutant against the original file. */
  diff: string;
  /** The end of the test output, for a killed mutant: what caught it. */
  evidence?: string;
}

export interface MutationReport {
  file: string;
  /** The symbol the mutants were limited to, if any. */
  symbol?: string;
  command: string[];
  baselineMs: number;
  total: number;
  killed: number;
  survived: number;
  /** Killed by the time limit (counted in `killed` too). */
  timedOut: number;
  /** killed / total, 0..1 (1 when there are no mutants). */
  score: number;
  /** Mutants generated before sampling down to the requested number. */
  generated: number;
  mutants: MutantOutcome[];
  /** How the workspace was kept from the test runs; `restored` gathers what any of them changed and had put back. */
  isolation?: RunIsolation;
}
