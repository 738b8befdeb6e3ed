import { throwIfAborted } from '../errors';

/**
 * Cooperative scheduling for long loops on the extension host's thread: call `tick()` after
 * each unit of work; once a slice of `sliceMs` has passed it yields to the event loop
 * (setImmediate, so I/O and UI messages get through) and checks the abort signal.
 */
export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(
    private readonly signal?: AbortSignal,
    private readonly sliceMs = 8,
  ) {}

  async tick(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
    throwIfAborted(this.signal);
  }
}
