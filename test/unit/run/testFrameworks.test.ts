import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runProcess } from '../../../src/core/run/runProcess';
import { detectTestFramework, testCommand } from '../../../src/core/run/testFrameworks';
import { fixturesDir } from '../helpers/paths';

const fx = (name: string) => path.join(fixturesDir, 'run', name);

function pythonHas(module: string): boolean {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('test framework detection', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['jest', 'jest', /depends on jest/],
    ['vitest', 'vitest', /depends on vitest/],
    ['mocha', 'mocha', /depends on mocha/],
    ['node-test', 'node:test', /node --test/],
    ['pytest', 'pytest', /pyproject\.toml configures pytest/],
    ['unittest', 'unittest', /unittest/],
    ['go', 'go', /go\.mod/],
    ['cargo', 'cargo', /Cargo\.toml/],
    ['maven', 'maven', /pom\.xml/],
    ['gradle', 'gradle', /build\.gradle/],
  ];
  for (const [fixture, id, evidence] of cases) {
    it(`finds ${id} in the ${fixture} project`, () => {
      const fw = detectTestFramework(fx(fixture));
      assert.equal(fw?.id, id);
      assert.match(fw!.evidence, evidence);
      assert.equal(fw!.root, fx(fixture));
    });
  }

  it('in a monorepo, picks the nearest project of the file language', () => {
    const root = fx('monorepo');
    assert.equal(detectTestFramework(root, 'web/test/a.test.ts')?.id, 'vitest');
    assert.equal(detectTestFramework(root, 'web/test/a.test.ts')?.root, path.join(root, 'web'));
    const py = detectTestFramework(root, 'api/tests/test_a.py');
    assert.equal(py?.id, 'pytest');
    assert.equal(py?.root, path.join(root, 'api'));
    assert.equal(detectTestFramework(root)?.id, 'node:test', 'the root package.json has no framework');
  });

  it('finds nothing where no project file is', () => {
    assert.equal(detectTestFramework(path.join(fixturesDir, 'run', 'go', 'stack'), 'x.py'), undefined);
  });
});

describe('test commands', () => {
  it('runs one file, or one test by name, from the project root, with the file as its own argument', () => {
    const root = fx('node-test');
    const fw = detectTestFramework(root)!;
    const cmd = testCommand(fw, root, 'test/range.test.js', 'counts up');
    assert.deepEqual(cmd.argv, ['node', '--test', '--test-name-pattern=counts up', 'test/range.test.js']);
    assert.equal(cmd.cwd, root);
    assert.deepEqual(cmd.fileArgumentIndexes, [3]);
  });

  it('uses the framework binary that Node would resolve (walking up node_modules)', () => {
    const root = fx('mocha');
    const cmd = testCommand(detectTestFramework(root)!, root, 'test/clamp.test.js');
    assert.equal(cmd.argv[0], 'node');
    assert.ok(fs.existsSync(cmd.argv[1]) && /mocha/.test(cmd.argv[1]), cmd.argv[1]);
  });

  it('a framework that is declared but not installed is a clear error', () => {
    const root = fx('jest');
    assert.throws(() => testCommand(detectTestFramework(root)!, root, 'test/x.test.js'), /jest is the project's test framework .* not installed: run npm install/);
  });

  it('builds the other frameworks\' commands', () => {
    const cmd = (name: string, file: string, test?: string) => testCommand(detectTestFramework(fx(name))!, fx(name), file, test).argv.slice(1).join(' ');
    assert.equal(cmd('pytest', 'tests/test_grades.py', 'middle'), '-m pytest -q -p no:cacheprovider tests/test_grades.py -k middle');
    assert.equal(cmd('unittest', 'tests/test_ops.py'), '-m unittest tests.test_ops');
    assert.equal(cmd('go', 'stack/sum_test.go', 'TestSum'), 'test ./stack -run ^TestSum$');
    assert.equal(cmd('cargo', 'tests/double.rs', 'doubles'), 'test --test double -- doubles');
    assert.equal(cmd('maven', 'src/test/java/CalcTest.java', 'adds'), '-q test -Dtest=CalcTest#adds -Dsurefire.failIfNoSpecifiedTests=false');
  });
});

describe('running fixture test suites for real', () => {
  const run = async (name: string, file: string, testName?: string) => {
    const root = fx(name);
    const cmd = testCommand(detectTestFramework(root, file)!, root, file, testName);
    return runProcess({ argv: cmd.argv, cwd: cmd.cwd, timeoutMs: 60_000, maxOutputBytes: 50_000 });
  };

  it('node:test passes', async () => {
    const r = await run('node-test', 'test/range.test.js');
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /pass 2/);
  });

  it('mocha passes, and one test can be picked by name', async () => {
    const all = await run('mocha', 'test/clamp.test.js');
    assert.equal(all.exitCode, 0, all.output);
    assert.match(all.output, /3 passing/);
    const one = await run('mocha', 'test/clamp.test.js', 'raises');
    assert.match(one.output, /1 passing/);
  });

  it('pytest passes', { skip: pythonHas('pytest') ? false : 'pytest is not installed for python3' }, async () => {
    const r = await run('pytest', 'tests/test_grades.py');
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /3 passed/);
  });

  it('unittest passes', { skip: pythonHas('unittest') ? false : 'python3 is not installed' }, async () => {
    const r = await run('unittest', 'tests/test_ops.py');
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /Ran 2 tests/);
  });
});
