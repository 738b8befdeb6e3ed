export interface RunRequest {
  /** The program and its arguments; never passed through a shell. */
  argv: string[];
  cwd: string;
  timeoutMs: number;
  /** Output kept (stdout and stderr together); the rest is dropped from the middle. */
  maxOutputBytes: number;
  /** Variables added to the clean environment. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Run inside bubblewrap with these writable folders, when bubblewrap works here. */
  sandbox?: { writable: string[] };
  stdin?: string;
}

export interface RunResult {
  argv: string[];
  cwd: string;
  /** Null when the process was killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  /** stdout and stderr interleaved as they arrived, capped. */
  output: string;
  outputBytes: number;
  truncated: boolean;
  sandboxed: boolean;
}

/** True when the run ended by itself with exit code 0. */
export function passed(result: RunResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.cancelled;
}
