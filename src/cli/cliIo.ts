/** What a CLI command gets from the process: its output streams, environment and cancellation. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Whether standard output is a terminal (text may then be styled). */
  stdoutIsTerminal?: boolean;
  /** Standard input, for FILE arguments given as '-' (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}
