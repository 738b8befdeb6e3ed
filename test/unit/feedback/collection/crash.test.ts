import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CollectionQueue } from '../../../../src/core/feedback/collectionQueue';
import { makeTempDir, removeTempDirs } from '../../helpers/paths';

after(removeTempDirs);

const childScript = path.join(__dirname, '..', '..', '..', 'support', 'enqueueLoop.js');

/** Runs the enqueue loop in a child until it reports `atLeast` enqueues, then SIGKILLs it; returns the last count it reported. */
function enqueueThenKill(dir: string, atLeast: number, padding: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, '--queue-dir', dir, '--padding', String(padding)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = 0;
    let output = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const lines = output.split('\n');
      output = lines.pop()!;
      for (const line of lines) {
        const match = /^enqueued (\d+)$/.exec(line);
        if (match) reported = Number(match[1]);
        else if (line !== 'owner true') reject(new Error(`unexpected child output: ${line}`));
      }
      if (reported >= atLeast && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

describe('a process killed while enqueuing', () => {
  for (const padding of [0, 64 * 1024]) {
    it(`loses at most the torn last line (events of ${padding ? '64 KiB' : 'a few hundred bytes'})`, async () => {
      const dir = makeTempDir('crash');
      const reported = await enqueueThenKill(dir, padding ? 40 : 300, padding);

      const queue = CollectionQueue.open(dir);
      assert.equal(queue.owner, true, "the dead child's lock is taken over");
      const stats = queue.stats();
      assert.ok(stats.skippedLines <= 1, `skipped ${stats.skippedLines} lines`);
      const batch = queue.peekBatch(1_000_000, Number.MAX_SAFE_INTEGER);
      const ids = batch?.events.map((e) => e.id) ?? [];
      // Everything the child saw enqueued is there, in order, without gaps or duplicates; at most the
      // one enqueue in progress at the kill may have landed too.
      assert.ok(ids.length >= reported && ids.length <= reported + 1, `read ${ids.length}, child reported ${reported}`);
      assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => `k${i}`));
      queue.close();
    });
  }
});
