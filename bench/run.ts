// `npm run bench`: runs every bench/*Bench.ts (compiled to out/bench) in its own process, in turn.
// Benchmarks print their own tables; they are not part of CI.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const only = process.argv.slice(2);
const benches = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('Bench.js'))
  .filter((f) => only.length === 0 || only.some((name) => f.toLowerCase().includes(name.toLowerCase())));
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file.replace(/\.js$/, '')} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (benches.length === 0) console.log('No benchmark matched.');
process.exit(failed ? 1 : 0);
