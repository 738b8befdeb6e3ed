/**
 * A child process for the crash test: opens a collection queue and enqueues numbered events, one per
 * enqueue, forever, printing "enqueued N" after each enqueue returns, until it is killed.
 *   node out/test/support/enqueueLoop.js --queue-dir DIR [--padding BYTES]
 * Without --queue-dir it exits at once (so a test runner that picks it up does nothing).
 */
import { CollectionQueue } from '../../src/core/feedback/collectionQueue';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--queue-dir');
if (dirIndex >= 0 && args[dirIndex + 1]) {
  const padIndex = args.indexOf('--padding');
  const padding = padIndex >= 0 ? Number(args[padIndex + 1]) : 0;
  const queue = CollectionQueue.open(args[dirIndex + 1]);
  process.stdout.write(`owner ${queue.owner}\n`);
  for (let i = 0; ; i++) {
    queue.enqueue([
      {
        v: 1,
        type: 'label',
        id: `k${i}`,
        time: new Date().toISOString(),
        session: 'child',
        recordId: 'r0',
        label: { kind: 'check', name: 'pad', passed: true, detail: { text: 'p'.repeat(padding) } },
      },
    ]);
    process.stdout.write(`enqueued ${i + 1}\n`);
  }
}
