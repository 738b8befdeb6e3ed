// Worker-thread entry of the index: reads, parses and extracts the files it is sent, so the
// extension host's thread never runs tree-sitter. Bundled as dist/extractWorker.js.
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { AtomicError, errorMessage } from '../errors';
import { readRegularFileSync } from '../regularFile';
import { analyzeBytes, analyzeReadOptions } from './analyzeFile';
import { transferables, type WorkerInit, type WorkerJob, type WorkerReply } from './fileAnalyzer';
import { grammarLocator } from './grammarLocator';
import { TreeSitterLoader } from './treeSitterLoader';

const init = workerData as WorkerInit;
const loader = new TreeSitterLoader(grammarLocator(init.assetDirs));

parentPort?.on('message', (job: WorkerJob) => {
  void handle(job);
});

async function handle(job: WorkerJob): Promise<void> {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if ('prepare' in job) {
      await Promise.all([loader.parser(), ...job.prepare.map((id) => loader.language(id))]);
      // acknowledged with an empty outcome; the pool only waits for it
      parentPort?.postMessage({ id: job.id, outcome: { unchanged: true, hash: '' } } satisfies WorkerReply);
      return;
    }
    const bytes = readRegularFileSync(path.join(init.root, job.req.path), analyzeReadOptions(job.req));
    const outcome = await analyzeBytes(job.req, bytes, loader);
    if ('record' in outcome) transfer = transferables(outcome.record);
    reply = { id: job.id, outcome };
  } catch (err) {
    reply = { id: job.id, error: errorMessage(err), reason: err instanceof AtomicError ? err.reason : undefined };
  }
  parentPort?.postMessage(reply, transfer);
}
