import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, removeTempDirs, repoRoot } from '../helpers/paths';
import { fixtureRoot } from './codeSupport';

after(removeTempDirs);

const cli = path.join(repoRoot, 'out', 'src', 'cli.js');

function run(args: string[], input?: string) {
  const cacheDir = makeTempDir('cli-cache');
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', env: { ...process.env, ATOMIC_SKILLS_CACHE_DIR: cacheDir } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, cacheDir };
}

describe('atomic-skills index and localize', () => {
  it('index --json prints files, symbols, bytes and milliseconds, and writes the cache', () => {
    const r = run(['index', '--repo', fixtureRoot('rust'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const stats = JSON.parse(r.stdout);
    assert.equal(stats.files, 3);
    assert.equal(stats.symbols, 14);
    assert.ok(stats.bytes > 1000 && typeof stats.milliseconds === 'number');
    assert.equal(fs.readdirSync(r.cacheDir).filter((f) => f.endsWith('.bin')).length, 1);
  });

  it('localize --retrieval-only --json has exactly the documented shape', () => {
    const issue = 'Cache.Put does not evict the oldest entry when capacity is reached\n\nevictOldest removes the wrong element.';
    const r = run(['localize', '--repo', fixtureRoot('go'), '--issue', '-', '--retrieval-only', '--json', '--top', '2'], issue);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['files', 'committed', 'stats']);
    assert.equal(out.files.length, 2);
    assert.equal(out.files[0].path, 'cache/lru.go');
    assert.deepEqual(Object.keys(out.files[0]), ['path', 'score', 'reason', 'symbols']);
    assert.deepEqual(Object.keys(out.files[0].symbols[0]), ['name', 'kind', 'startLine', 'endLine']);
    // Names as the skill gives them everywhere: a method with its receiver (Cache.evictOldest).
    assert.ok(out.files[0].symbols.some((s: { name: string }) => /(^|\.)evictOldest$/.test(s.name)), JSON.stringify(out.files[0].symbols));
    assert.deepEqual(out.committed, ['cache/lru.go']);
    assert.equal(out.stats.retrievalOnly, true);
  });

  it('localize reads the issue from a file and prints a readable list', () => {
    const dir = makeTempDir('cli-issue');
    fs.writeFileSync(path.join(dir, 'issue.md'), 'ring_push overwrites data when the ring buffer is full');
    const r = run(['localize', '--repo', fixtureRoot('c'), '--issue', path.join(dir, 'issue.md'), '--retrieval-only']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\. src\/ring\.c/m);
    assert.match(r.stdout, /function ring_push \(lines 14-21\)/);
  });

  it('errors exit 2: localize with the model stage but no model configured, missing --issue, bad --repo', () => {
    const noModel = run(['localize', '--repo', fixtureRoot('go'), '--issue', '-', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm'], 'x');
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /Cannot reach the model endpoint at http:\/\/127\.0\.0\.1:9\/v1/);
    assert.equal(run(['localize', '--repo', fixtureRoot('go'), '--retrieval-only']).code, 2);
    assert.equal(run(['index', '--repo', path.join(fixtureRoot('go'), 'nope')]).code, 2);
  });
});
