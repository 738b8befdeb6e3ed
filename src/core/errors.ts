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

export class AtomicError extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AtomicError';
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

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
