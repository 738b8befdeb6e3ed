import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';

const linux = process.platform === 'linux';
const scrubModule = require.resolve('../../../src/cli/initialEnvironment');

/** Runs a node script with `env`, returning its stdout. */
function node(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', script], { env, timeout: 20_000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout))),
  );
}

describe('scrubInitialEnvironment', () => {
  it('clears the key from /proc/<pid>/environ, as this process and a child reading its parent see it; other variables stay', { skip: !linux && 'Linux only' }, async () => {
    const key = `sk-unit-${process.pid}-${Date.now()}`;
    const script = `
      const fs = require('fs'), { execFileSync } = require('child_process');
      const { scrubInitialEnvironment } = require(${JSON.stringify(scrubModule)});
      const has = () => fs.readFileSync('/proc/self/environ', 'latin1').includes(${JSON.stringify(key)});
      const before = has();
      delete process.env.OPENAI_API_KEY;
      const child = execFileSync('sh', ['-c', 'cat /proc/$PPID/environ'], { env: { PATH: process.env.PATH } }).toString('latin1');
      const childBefore = child.includes(${JSON.stringify(key)});
      const ok = scrubInitialEnvironment(['OPENAI_API_KEY', 'ATOMIC_SKILLS_API_KEY']);
      const after = execFileSync('sh', ['-c', 'cat /proc/$PPID/environ'], { env: { PATH: process.env.PATH } }).toString('latin1');
      console.log(JSON.stringify({ before, childBefore, ok, after: has(), childAfter: after.includes(${JSON.stringify(key)}), keep: process.env.KEEP_ME, keptInBlock: after.includes('KEEP_ME=kept'), env: process.env.OPENAI_API_KEY }));`;
    const out = JSON.parse(await node(script, { PATH: process.env.PATH, OPENAI_API_KEY: key, KEEP_ME: 'kept' })) as Record<string, unknown>;
    assert.equal(out.before, true, 'the key is in the initial environment');
    assert.equal(out.childBefore, true, 'deleting it from process.env leaves it readable by a child');
    assert.equal(out.ok, true);
    assert.equal(out.after, false);
    assert.equal(out.childAfter, false, 'a child no longer finds it in its parent');
    assert.equal(out.keep, 'kept');
    assert.equal(out.keptInBlock, true);
    assert.equal(out.env, undefined);
  });
});
