import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { settingsFrom } from '../../../src/core/config';
import type { RunPurpose } from '../../../src/core/ports/commandRunner';
import { rejectsWithReason } from '../helpers/assertions';
import { runningContext } from '../helpers/runningContext';
import { runTestsSkill, testsFeedback } from '../../../src/core/skills/tests/testsSkill';
import { parseTestFileReply } from '../../../src/core/skills/tests/parseTestFile';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, messageTexts, startServer } from '../helpers/servers';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const goodTests = `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { range } = require('../src/range');

test('counts from start up to end, excluded', () => assert.deepStrictEqual(range(2, 5), [2, 3, 4]));
test('is empty when start equals end', () => assert.deepStrictEqual(range(3, 3), []));
test('is empty when start is past end', () => assert.deepStrictEqual(range(5, 2), []));
`;
const wrongTests = goodTests.replace('[2, 3, 4]', '[2, 3, 4, 5]');
const reply = (content: string) => `Here they are.\n<test_file path="test/range_generated.test.js">\n${content}</test_file>`;

function project() {
  const root = path.join(makeTempDir('tests'), 'repo');
  fs.cpSync(path.join(fixturesDir, 'run', 'node-test'), root, { recursive: true });
  return root;
}


describe('runTestsSkill', () => {
  it('runs the tests, sends a failure back, offers the fixed tests with their mutation score, and leaves no file behind', async () => {
    const root = project();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You write unit tests' }, content: reply(wrongTests), times: 1 },
        { when: { lastUserIncludes: 'failed (exit code' }, content: reply(goodTests), times: 1 },
      ],
    });
    const ran: RunPurpose[] = [];
    const { result } = await runTestsSkill({ target: 'src/range.js', symbol: 'range', mutants: 6 }, runningContext(root, server.url, ran));
    assert.equal(result.passed, true, result.failure);
    assert.equal(result.runs.length, 2);
    assert.notEqual(result.runs[0].exitCode, 0);
    assert.equal(result.runs[1].exitCode, 0);
    assert.equal(result.content, goodTests);
    assert.equal(result.framework, 'node:test');
    assert.equal(result.testFile, 'test/range_generated.test.js', 'a free name next to the example test');
    assert.ok(result.mutation && result.mutation.total > 0);
    assert.ok(result.mutation.killed >= 1, JSON.stringify(result.mutation.mutants.map((m) => [m.description, m.status])));
    assert.equal(fs.existsSync(path.join(root, result.testFile)), false, 'the test file is only proposed');
    assert.equal(fs.existsSync(path.join(root, '..', 'journal')), false, 'no run touched the real files, so nothing was journaled');
    assert.ok(ran.every((r) => r.purpose.startsWith('run the generated tests')));

    const first = messageTexts(server.chatRequests()[0].body).join('\n');
    assert.match(first, /function range\(start, end\)/, 'the prompt shows the code under test');
    assert.match(first, /test\/range\.test\.js/, 'and the example test');
    assert.match(first, /require|import it from "\.\.\/src\/range"/);
    const fix = messageTexts(server.chatRequests()[1].body).pop()!;
    assert.match(fix, /failed \(exit code 1\)/);
    assert.match(fix, /(not ok 1 - |✖ )counts from start up to end/, 'the fix request carries the failing output');

    const labels = testsFeedback(result).labels;
    assert.deepEqual(labels.map((l) => (l.kind === 'check' ? l.name : l.kind)), ['testsPass', 'mutationScore']);
  });

  it('offers nothing when the tests still fail after the fix turns', async () => {
    const root = project();
    const server = await startServer({ fallback: { content: reply(wrongTests), times: Infinity } });
    const { result } = await runTestsSkill({ target: 'src/range.js', mutants: 0 }, runningContext(root, server.url, []));
    assert.equal(result.passed, false);
    assert.equal(result.runs.length, 3);
    assert.match(result.failure ?? '', /still fail on the current code after 2 fix/);
    assert.equal(result.mutation, undefined);
  });

  it('refuses a binary, non-UTF-8 or too large target before asking the model', async () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'src', 'blob.js'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
    fs.writeFileSync(path.join(root, 'src', 'latin.js'), Buffer.from('// caf\u00e9\nexports.x = 1;\n', 'latin1'));
    fs.writeFileSync(path.join(root, 'src', 'big.js'), `// ${'x'.repeat(17 * 1024)}\nexports.x = 1;\n`);
    const server = await startServer({ fallback: { content: reply(goodTests), times: Infinity } });
    const ctx = runningContext(root, server.url, []);
    await rejectsWithReason(runTestsSkill({ target: 'src/blob.js' }, ctx), 'notText', /^src\/blob\.js is a binary file/);
    await rejectsWithReason(runTestsSkill({ target: 'src/latin.js' }, ctx), 'notText', /^src\/latin\.js is not UTF-8 text/);
    const small = { ...ctx, settings: settingsFrom((key) => (key === 'atomicSkills.index.maxFileKilobytes' ? 16 : undefined)) };
    await rejectsWithReason(runTestsSkill({ target: 'src/big.js' }, small), 'fileTooLarge', /^src\/big\.js is \d+ bytes, over the 16384-byte limit\. .*atomicSkills\.index\.maxFileKilobytes/);
    assert.equal(server.chatRequests().length, 0, 'no model call');
  });

  it('refuses a test file named through a symlink out of the workspace, or inside .git or .vscode, before writing or asking', async () => {
    const root = project();
    const outside = makeTempDir('tests-outside');
    fs.symlinkSync(outside, path.join(root, 'docs'));
    const server = await startServer({ fallback: { content: reply(goodTests), times: Infinity } });
    const ctx = runningContext(root, server.url, []);
    await rejectsWithReason(runTestsSkill({ target: 'src/range.js', testFile: 'docs/sub/x.test.js' }, ctx), 'outsideWorkspace', /cannot be written there: docs\/sub\/x\.test\.js/);
    await rejectsWithReason(runTestsSkill({ target: 'src/range.js', testFile: '.git/hooks/x.test.js' }, ctx), 'outsideWorkspace', /cannot be written there/);
    await rejectsWithReason(runTestsSkill({ target: 'src/range.js', testFile: '.vscode/x.test.js' }, ctx), 'outsideWorkspace', /cannot be written there/);
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was created outside');
    assert.equal(server.chatRequests().length, 0, 'no model call');
  });

  it('refuses on a surface that cannot run commands', async () => {
    const root = project();
    const server = await startServer({ fallback: { content: reply(goodTests) } });
    const ctx = { ...runningContext(root, server.url, []), run: undefined };
    await assert.rejects(runTestsSkill({ target: 'src/range.js' }, ctx), /cannot run commands/);
  });
});

describe('parseTestFileReply', () => {
  it('reads the tagged file, with or without a fence inside, else the largest fenced block', () => {
    assert.deepEqual(parseTestFileReply('<test_file path="t.py">\nx = 1\n</test_file>'), { path: 't.py', content: 'x = 1\n' });
    assert.deepEqual(parseTestFileReply('<test_file path="t.py">\n```python\nx = 1\n```\n</test_file>'), { path: 't.py', content: 'x = 1\n' });
    assert.deepEqual(parseTestFileReply('a\n```js\nsmall\n```\n```js\nthe larger one\n```'), { content: 'the larger one\n' });
    assert.equal(parseTestFileReply('no code here'), undefined);
  });
});
