import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { codeAssetDirs } from '../../../src/cli/codeAssets';
import { grammarLocator } from '../../../src/core/code/grammarLocator';
import { TreeSitterLoader } from '../../../src/core/code/treeSitterLoader';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { mutationTest, type MutationRequest } from '../../../src/core/mutate/mutationTesting';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';

const loader = new TreeSitterLoader(grammarLocator(codeAssetDirs()));
after(() => {
  loader.dispose();
  removeTempDirs();
});

function copyFixture(name: string): string {
  const dir = path.join(makeTempDir('mutate'), name);
  fs.cpSync(path.join(fixturesDir, 'run', name), dir, { recursive: true });
  return dir;
}

function request(root: string, over: Partial<MutationRequest>): MutationRequest {
  return {
    root,
    target: '',
    testFile: '',
    maxMutants: 30,
    loader,
    journal: new MutationJournal(path.join(root, '..', 'journal')),
    sandbox: false,
    timeoutMs: 60_000,
    ...over,
  };
}

const hasPytest = (() => {
  try {
    execFileSync('python3', ['-c', 'import pytest'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('mutation testing with real test runs', () => {
  it('node:test: kills the off-by-one, reports survivors as diffs, restores the file byte for byte', async () => {
    const root = copyFixture('node-test');
    const before = fs.readFileSync(path.join(root, 'src/range.js'));
    const report = await mutationTest(request(root, { target: 'src/range.js', symbol: 'range', testFile: 'test/range.test.js' }));
    assert.ok(report.total >= 5, `mutants: ${report.total}`);
    assert.ok(report.mutants.some((m) => m.description.includes('`++` → `--`')), 'the loop increment is mutated');
    assert.equal(report.killed + report.survived, report.total);
    assert.equal(report.score, report.killed / report.total);
    const boundary = report.mutants.find((m) => m.description.includes('`<` → `<=`'));
    assert.equal(boundary?.status, 'killed', JSON.stringify(boundary));
    assert.ok(boundary?.evidence, 'a killed mutant carries the failing output');
    for (const m of report.mutants) assert.match(m.diff, /^-.*\n\+/m);
    assert.ok(fs.readFileSync(path.join(root, 'src/range.js')).equals(before), 'the target is restored');
    assert.equal(fs.existsSync(path.join(root, '..', 'journal')), false, 'the mutants never touched the real file, so nothing was journaled');
    assert.deepEqual(report.command.slice(0, 2), ['node', '--test']);
  });

  it('a weak test lets mutants survive, and they are listed', async () => {
    const root = copyFixture('node-test');
    fs.writeFileSync(path.join(root, 'test/weak.test.js'), "const test = require('node:test');\nconst { range } = require('../src/range');\ntest('returns an array', () => { if (!Array.isArray(range(0, 2))) throw new Error('no'); });\n");
    const report = await mutationTest(request(root, { target: 'src/range.js', testFile: 'test/weak.test.js' }));
    assert.ok(report.survived > 0);
    assert.ok(report.mutants.some((m) => m.status === 'survived' && m.description.includes('`<` → `<=`')));
  });

  it('refuses when the tests fail on the current code, and changes nothing', async () => {
    const root = copyFixture('node-test');
    fs.writeFileSync(path.join(root, 'test/range.test.js'), "require('node:test')('fails', () => { throw new Error('red'); });\n");
    await assert.rejects(mutationTest(request(root, { target: 'src/range.js', testFile: 'test/range.test.js' })), /tests do not pass on the current code/);
  });

  it('cancellation stops between mutants and still restores the file', async () => {
    const root = copyFixture('node-test');
    const before = fs.readFileSync(path.join(root, 'src/range.js'));
    const abort = new AbortController();
    let runs = 0;
    const req = request(root, {
      target: 'src/range.js',
      testFile: 'test/range.test.js',
      signal: abort.signal,
      progress: (m) => {
        if (m.startsWith('Mutant') && ++runs === 2) abort.abort();
      },
    });
    await assert.rejects(mutationTest(req), /Cancel/);
    assert.ok(fs.readFileSync(path.join(root, 'src/range.js')).equals(before));
  });

  it('pytest: mutants of a Python function', { skip: hasPytest ? false : 'pytest is not installed' }, async () => {
    const root = copyFixture('pytest');
    const report = await mutationTest(request(root, { target: 'pkg/grades.py', symbol: 'grade', testFile: 'tests/test_grades.py' }));
    assert.ok(report.total >= 4);
    assert.equal(report.mutants.find((m) => m.description.includes('`>=` → `>`') && m.line === 3)?.status, 'killed', 'grade(90) == "A" catches the boundary');
  });
});
