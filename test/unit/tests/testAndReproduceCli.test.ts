// `atomic-skills test` and `atomic-skills reproduce` as their own processes (dist/cli.js), against the scripted model.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeServers();
  removeTempDirs();
});

const tests = `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { range } = require('../src/range');

test('counts up to the end, excluded', () => assert.deepStrictEqual(range(1, 4), [1, 2, 3]));
test('is empty for an empty range', () => assert.deepStrictEqual(range(2, 2), []));
`;

function project(fixture: string, from = path.join(fixturesDir, 'run', fixture)) {
  const root = path.join(makeTempDir('cli-run'), 'repo');
  fs.cpSync(from, root, { recursive: true });
  return root;
}

// Run from the repository (the --repo argument), as a user would: paths on the command line are relative to the current folder.
const cli = (args: string[]) =>
  runProcess(process.execPath, [distCli, ...args], { env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }), cwd: args[args.indexOf('--repo') + 1] });

describe('atomic-skills test', () => {
  it('with --yes: runs the generated tests, scores them against mutants and writes the passing file', async () => {
    const root = project('node-test');
    const server = await startServer({ fallback: { content: `<test_file path="x">\n${tests}</test_file>`, times: Infinity } });
    const r = await cli(['test', '--repo', root, '--target', 'src/range.js:range', '--mutants', '4', '--yes', '--json', '--base-url', server.url]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { passed: boolean; testFile: string; written: string[]; mutation: { total: number; killed: number } };
    assert.equal(out.passed, true);
    assert.deepEqual(out.written, [out.testFile]);
    assert.equal(fs.readFileSync(path.join(root, out.testFile), 'utf8'), tests);
    assert.ok(out.mutation.total > 0 && out.mutation.total <= 4);
  });

  it('without --yes and without a terminal, refuses to run model-written code (exit 2), writing nothing', async () => {
    const root = project('node-test');
    const server = await startServer({ fallback: { content: `<test_file path="x">\n${tests}</test_file>`, times: Infinity } });
    const r = await cli(['test', '--repo', root, '--target', 'src/range.js', '--base-url', server.url]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Refusing to run the generated tests .* pass --yes/);
    assert.deepEqual(fs.readdirSync(path.join(root, 'test')), ['range.test.js']);
    assert.equal(server.chatRequests().length, 0, 'refused before the model was asked');
    const taken = await cli(['test', '--repo', root, '--target', 'src/range.js', '--yes', '--test-file', 'test/range.test.js', '--base-url', server.url]);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /--test-file test\/range\.test\.js exists; name a new file/);
    assert.equal(server.chatRequests().length, 0);
    const repro = await cli(['reproduce', '--repo', root, '--issue', '-', '--base-url', server.url]);
    assert.equal(repro.code, 2);
    assert.match(repro.stderr, /Refusing to run a model-written reproduction script .* pass --yes/);
    assert.equal(server.chatRequests().length, 0);
  });
});

describe('atomic-skills reproduce', () => {
  it('exit 0 when the script fails as judged; --keep writes it', async () => {
    const root = project('', path.join(fixturesDir, 'localize-js'));
    fs.writeFileSync(path.join(root, 'ISSUE.txt'), 'subtract(5, 3) gives 8, not 2');
    const script = "const assert = require('node:assert');\nassert.strictEqual(require('./src/math').subtract(5, 3), 2);\n";
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You judge' }, content: '<judgment>YES</judgment><reason>8 instead of 2.</reason>', times: Infinity },
        { when: { systemIncludes: 'You reproduce' }, content: `<reproduction path="repro.js" command="node repro.js">\n${script}</reproduction>`, times: Infinity },
      ],
    });
    const r = await cli(['reproduce', '--repo', root, '--issue', path.join(root, 'ISSUE.txt'), '--yes', '--keep', '--base-url', server.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\*\*Reproduced:\*\* `node repro\.js` fails/);
    assert.match(r.stdout, /AssertionError/);
    assert.equal(fs.readFileSync(path.join(root, 'repro.js'), 'utf8'), script);
  });
});
