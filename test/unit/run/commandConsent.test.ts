import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePattern, isAllowed, matchesPattern, patternFor, runsWithoutAsking } from '../../../src/core/run/commandConsent';
import { formatCommandLine, splitCommandLine } from '../../../src/core/run/commandLine';

describe('command lines', () => {
  it('splits words with quotes and escapes like a shell', () => {
    assert.deepEqual(splitCommandLine(`python3 -c 'print("a b")' "x y" z\\ w`), ['python3', '-c', 'print("a b")', 'x y', 'z w']);
    assert.deepEqual(splitCommandLine('  node   repro.js  '), ['node', 'repro.js']);
    assert.deepEqual(splitCommandLine(`''`), ['']);
  });

  it('refuses shell features, since nothing runs through a shell', () => {
    for (const line of ['npm test && rm -rf /', 'node a.js | tee out', 'echo $(id)', 'cat < x', 'node a.js; ls', 'echo `id`', 'ls *.js', 'echo "$HOME"']) {
      assert.throws(() => splitCommandLine(line), /shell|substitution/, line);
    }
    assert.throws(() => splitCommandLine(`echo 'open`), /Unterminated/);
  });

  it('formats arguments back so the line splits to the same arguments', () => {
    const argv = ['python3', '-c', "print('it''s')", 'a b', 'plain/path.py'];
    assert.deepEqual(splitCommandLine(formatCommandLine(argv)), argv);
  });
});

describe('command consent patterns', () => {
  const argv = ['node', '--test', 'test/a.test.js'];

  it('matches whole commands, never prefixes or extensions', () => {
    const p = patternFor(['npm', 'test']);
    assert.equal(matchesPattern(p, ['npm', 'test']), true);
    assert.equal(matchesPattern(p, ['npm', 'test', '--', '--evil']), false);
    assert.equal(matchesPattern(p, ['npm']), false);
    assert.equal(matchesPattern(p, ['npm', 'install']), false);
  });

  it('generalises the file argument to any plain workspace-relative path', () => {
    const p = patternFor(argv, [2]);
    assert.equal(describePattern(p), 'node --test <file>');
    assert.equal(matchesPattern(p, ['node', '--test', 'test/b.test.js']), true);
    assert.equal(matchesPattern(p, ['node', '--test', 'tests/test_x.py::test_y']), true);
    for (const bad of ['--require=/tmp/evil.js', '../outside.js', '/etc/passwd', 'a//b', 'C:\\x.js', '']) {
      assert.equal(matchesPattern(p, ['node', '--test', bad]), false, bad);
    }
  });

  it('keeps an argument that is not a plain path literal even when asked to generalise it', () => {
    assert.deepEqual(patternFor(['node', '--test', '--flag'], [2]).argv, ['node', '--test', '--flag']);
  });

  it('isAllowed checks every stored pattern', () => {
    assert.equal(isAllowed([patternFor(['npm', 'test']), patternFor(argv, [2])], ['node', '--test', 'x.js']), true);
    assert.equal(isAllowed([], argv), false);
  });
});

describe('asking before a run', () => {
  const stored = [patternFor(['node', '--test', 'test/a.test.js'], [2]), patternFor(['python3', 'repro.py'])];

  it('a framework command matching a stored pattern runs unasked', () => {
    assert.equal(runsWithoutAsking(stored, ['node', '--test', 'test/b.test.js'], false, []), true);
    assert.equal(runsWithoutAsking(stored, ['npm', 'test'], false, []), false);
  });

  it('a command the model wrote is asked for even when a stored pattern matches it', () => {
    assert.equal(runsWithoutAsking(stored, ['node', '--test', 'repro.test.js'], true, []), false);
    assert.equal(runsWithoutAsking(stored, ['python3', 'repro.py'], true, []), false);
  });

  it('within one run, a command already approved runs again unasked (model-written or not)', () => {
    assert.equal(runsWithoutAsking([], ['python3', 'repro.py'], true, [['python3', 'repro.py']]), true);
    assert.equal(runsWithoutAsking([], ['python3', 'repro.py', '-x'], true, [['python3', 'repro.py']]), false);
  });
});
