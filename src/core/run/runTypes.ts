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
  /** Run in a mount namespace where this overlay is mounted over its lower folder (see workspaceView). */
  overlay?: OverlayLayer;
}

/** An overlay over a workspace: reads see `lower` with `upper` on top, writes go to `upper` and vanish with it. */
export interface OverlayLayer {
  lower: string;
  upper: string;
  work: string;
}

/**
 * How a run of model-written code was kept from changing the workspace: an overlay (writes land
 * in a throwaway layer), a temporary copy, or a snapshot of the files before and after with every
 * change put back (`restored`; the run's versions kept at `savedAt`). `guarded`: a copy run
 * without the sandbox, whose real workspace was snapshot-checked as well.
 */
export type IsolationMode = 'overlay' | 'copy' | 'snapshot';
export interface RunIsolation {
  mode: IsolationMode;
  guarded?: boolean;
  /** Workspace-relative paths the run changed, created or deleted, all put back. */
  restored: string[];
  savedAt?: string;
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
  /** Set by runInView: how the workspace was protected from the run. */
  isolation?: RunIsolation;
}

/** True when the run ended by itself with exit code 0. */
export function passed(result: RunResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.cancelled;
}
