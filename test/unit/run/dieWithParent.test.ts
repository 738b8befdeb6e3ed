import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { tether } from '../../../src/core/run/dieWithParent';
import { bubblewrap } from '../../../src/core/run/sandbox';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { sleeper, waitUntilGone, withTag } from '../helpers/processTags';

after(removeTempDirs);

const runProcessModule = require.resolve('../../../src/core/run/runProcess');

/**
 * Starts a node process that runs `command` through the core run API, waits until every sleeper
 * in it is up, kills that parent with SIGKILL (no handler runs, nothing is cleaned up) and
 * returns the sleepers still alive a few seconds later.
 */
async function killParentMidRun(command: string, tags: string[], sandboxed: boolean): Promise<string[]> {
  const ws = makeTempDir('tether-ws');
  const request = { argv: ['sh', '-c', command], cwd: ws, timeoutMs: 60_000, maxOutputBytes: 100_000, ...(sandboxed ? { sandbox: { writable: [ws] } } : {}) };
  const parent = spawn(process.execPath, ['-e', `require(${JSON.stringify(runProcessModule)}).runProcess(${JSON.stringify(request)})`], { stdio: 'ignore' });
  try {
    const end = Date.now() + 15_000;
    while (!tags.every((t) => withTag(t).length) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.ok(tags.every((t) => withTag(t).length), 'every sleeper started');
  } finally {
    parent.kill('SIGKILL');
  }
  return waitUntilGone(tags, 5_000);
}

describe('a run dies with the process that started it', async () => {
  const leash = await tether();
  const bwrap = await bubblewrap();

  it('unsandboxed: a parent killed by SIGKILL takes the child, a grandchild and a setsid one with it', { skip: !leash?.pidNamespace && 'no setpriv and unshare with user namespaces here' }, async () => {
    const [a, b] = [sleeper(), sleeper()];
    assert.deepEqual(await killParentMidRun(`${a.command} & setsid ${b.command} & sleep 60`, [a.tag, b.tag], false), []);
  });

  it('sandboxed: the same in bubblewrap', { skip: !bwrap && 'bubblewrap is not installed or cannot create namespaces here' }, async () => {
    const [a, b] = [sleeper(), sleeper()];
    assert.deepEqual(await killParentMidRun(`${a.command} & setsid ${b.command} & sleep 60`, [a.tag, b.tag], true), []);
  });
});
