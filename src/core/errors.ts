import { redactCredentials } from './feedback/redactText';

/** Why an operation failed; surfaces map these to messages and actions. */
export type ErrorReason =
  | 'endpointUnreachable'
  | 'endpointError'
  | 'authentication'
  | 'noModel'
  | 'modelReplyMalformed'
  | 'configuration'
  | 'usage'
  | 'git'
  | 'noChanges'
  | 'outsideWorkspace'
  | 'fileTooLarge'
  | 'notText'
  | 'notRegularFile'
  | 'editNotApplied'
  | 'fileConflict'
  | 'runTimedOut'
  | 'untrustedWorkspace'
  | 'cancelled';

/**
 * The message and detail lose every credential when the error is made (redactCredentials: the keys this process
 * holds, tokens, URL passwords, Authorization echoes), so whatever shows, logs or records one never prints a key.
 */
export class AtomicError extends Error {
  readonly detail?: string;

  constructor(
    readonly reason: ErrorReason,
    message: string,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(redactCredentials(message), options);
    this.name = 'AtomicError';
    if (detail !== undefined) this.detail = redactCredentials(detail);
  }
}

export function isCancellation(err: unknown): boolean {
  return (
    (err instanceof AtomicError && err.reason === 'cancelled') ||
    (err instanceof Error && (err.name === 'AbortError' || err.name === 'APIUserAbortError'))
  );
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AtomicError('cancelled', 'Cancelled.');
}

/** Any error as text fit to show: without credentials (a key may have been learnt after the error was made). */
export function errorMessage(err: unknown): string {
  return redactCredentials(err instanceof Error ? err.message : String(err));
}
