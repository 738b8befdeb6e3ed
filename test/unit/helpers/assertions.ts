import assert from 'node:assert/strict';
import { AtomicError, type ErrorReason } from '../../../src/core/errors';

/** Awaits a promise that must reject with an AtomicError of this reason (and message); returns the error. */
export async function rejectsWithReason(promise: Promise<unknown>, reason: ErrorReason, message?: RegExp): Promise<AtomicError> {
  let settled: unknown;
  try {
    settled = await promise;
  } catch (err) {
    assert.ok(err instanceof AtomicError, `expected an AtomicError, got ${err instanceof Error ? err.stack : String(err)}`);
    assert.equal(err.reason, reason, `reason of: ${err.message}`);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected a rejection with reason "${reason}", got a result: ${JSON.stringify(settled)?.slice(0, 300)}`);
}
