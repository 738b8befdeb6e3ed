// Snapshot files under test/unit/snapshots/: compared exactly; written only with UPDATE_SNAPSHOTS=1.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

export const snapshotsDir = path.join(repoRoot, 'test', 'unit', 'snapshots');

export function assertMatchesSnapshot(name: string, actual: string): void {
  const file = path.join(snapshotsDir, name);
  const shown = path.relative(repoRoot, file);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) {
    assert.fail(`Snapshot ${shown} does not exist. Run the tests with UPDATE_SNAPSHOTS=1 to write it, read it, and commit it.`);
  }
  const expected = fs.readFileSync(file, 'utf8');
  assert.equal(actual, expected, `Snapshot ${shown} differs. If the change is intended, run with UPDATE_SNAPSHOTS=1 and review the diff.`);
}
