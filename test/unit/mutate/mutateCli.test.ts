// `atomic-skills mutate` end to end: the bundled dist/cli.js run as its own process on a copy of a fixture project.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MutationReport } from '../../../src/core/mutate/mutantTypes';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';

before(ensureDistCli, { timeout: 120_000 });
after(removeTempDirs);

function project() {
  const base = makeTempDir('mutate-cli');
  const root = path.join(base, 'repo');
  fs.cpSync(path.join(fixturesDir, 'run', 'node-test'), root, { recursive: true });
  const cache = path.join(base, 'cache');
  // Run from the repository, as `--repo .` would be: --target and --tests are paths from the current folder.
  const cli = (args: string[]) => runProcess(process.execPath, [distCli, ...args], { env: { ...cleanEnv(), ATOMIC_SKILLS_CACHE_DIR: cache }, cwd: root });
  return { root, cache, cli };
}

describe('atomic-skills mutate', () => {
  it('prints the counts and the surviving mutants as diffs (--json), and leaves the target as it was', async () => {
    const { root, cli } = project();
    const before = fs.readFileSync(path.join(root, 'src/range.js'));
    const r = await cli(['mutate', '--repo', root, '--target', 'src/range.js:range', '--tests', 'test/range.test.js', '--mutants', '6', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as MutationReport;
    assert.equal(report.total, report.mutants.length);
    assert.ok(report.total > 0 && report.total <= 6);
    assert.equal(report.killed + report.survived, report.total);
    assert.equal(report.symbol, 'range');
    for (const m of report.mutants.filter((x) => x.status === 'survived')) assert.match(m.diff, /\n-.*\n\+/);
    assert.ok(fs.readFileSync(path.join(root, 'src/range.js')).equals(before));
  });

  it('repairs a file an interrupted run left mutated before doing anything else', async () => {
    const { root, cache, cli } = project();
    const file = path.join(root, 'src/range.js');
    const original = fs.readFileSync(file);
    await new MutationJournal(path.join(cache, 'mutations')).mutate(file, original, 'module.exports = {};\n');
    const entry = path.join(cache, 'mutations', fs.readdirSync(path.join(cache, 'mutations'))[0]);
    fs.writeFileSync(entry, JSON.stringify({ ...JSON.parse(fs.readFileSync(entry, 'utf8')), pid: 2 ** 22 + 11 }));
    const r = await cli(['mutate', '--repo', root, '--target', 'src/range.js', '--tests', 'test/range.test.js', '--mutants', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Restored .*range\.js, left mutated by an interrupted run/);
    assert.ok(fs.readFileSync(file).equals(original));
    assert.match(r.stdout, /Mutation score \d+%: \d of 1 mutants killed/);
  });

  it('usage errors exit 2 with the reason', async () => {
    const { root, cli } = project();
    const missing = await cli(['mutate', '--repo', root, '--target', 'src/range.js']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /mutate needs --tests FILE/);
    const symbol = await cli(['mutate', '--repo', root, '--target', 'src/range.js:nope', '--tests', 'test/range.test.js']);
    assert.equal(symbol.code, 2);
    assert.match(symbol.stderr, /no function, method or class named nope; it has range/);
  });
});
