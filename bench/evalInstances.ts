// Where the benchmarks find the SWE-bench instances (../shared/eval) and which of them to run.
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

export const evalFile = process.env.ATOMIC_EVAL_FILE ?? path.resolve(repoRoot, '..', 'shared', 'eval', 'swebench-localization-dev.jsonl');
/** ATOMIC_BENCH_LIMIT: at most this many instances. */
export const limit = Number(process.env.ATOMIC_BENCH_LIMIT ?? Infinity);
/** ATOMIC_BENCH_ONLY: comma-separated repositories or instance ids. */
export const only = (process.env.ATOMIC_BENCH_ONLY ?? '').split(',').filter(Boolean);
/** ATOMIC_BENCH_DETAILS: a .jsonl file for per-instance results. */
export const details = process.env.ATOMIC_BENCH_DETAILS;

/** One line of the eval file (see ../shared/eval/README.md). */
export interface EvalInstance {
  id: string;
  repo: string;
  base_commit: string;
  problem_statement: string;
  gold_files: string[];
  golden_patch: string;
  debian_package: string | null;
}

/** Every instance of the eval file, or undefined (with a message) when it is missing. */
export function readInstances<T>(): T[] | undefined {
  if (!fs.existsSync(evalFile)) {
    console.log(`skipped: no eval file at ${evalFile} (set ATOMIC_EVAL_FILE)`);
    return undefined;
  }
  return fs.readFileSync(evalFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}
