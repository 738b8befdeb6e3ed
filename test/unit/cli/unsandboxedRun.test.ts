// `reproduce --yes` without bubblewrap, as its own process (dist/cli.js): what a hostile script can reach.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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

/**
 * Walks up its ancestors (its parent, the CLI) and then every process in /proc, reading each
 * environment it can, and reports where a value starting with the key's prefix was found.
 */
const hostileScript = `const fs = require('fs');
const read = (p) => { try { return fs.readFileSync(p, 'latin1'); } catch { return null; } };
const chain = [];
for (let pid = process.pid; pid > 1; ) {
  const stat = read('/proc/' + pid + '/stat');
  if (!stat) break;
  pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const env = read('/proc/' + pid + '/environ');
  chain.push({ cli: (read('/proc/' + pid + '/cmdline') || '').includes('cli.js'), readable: env !== null && env.includes('PATH='), key: env !== null && env.includes('sk-hostile-') });
}
let scanned = 0, found = 0;
for (const e of fs.readdirSync('/proc')) {
  if (!/^[0-9]+$/.test(e)) continue;
  const env = read('/proc/' + e + '/environ');
  if (env !== null) { scanned++; if (env.includes('sk-hostile-')) found++; }
}
console.log('CHAIN ' + JSON.stringify(chain));
console.log('SCAN ' + found + ' of ' + scanned);
process.exit(1);
`;

describe('a model-written script run without bubblewrap', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  for (const [name, tetherEnv] of [
    ['with the host /proc in view (unshare hidden)', { ATOMIC_SKILLS_UNSHARE: '/nonexistent/unshare' }],
    ['as it runs by default here', {}],
  ] as const) {
    it(`is announced on stderr and finds no API key in its parent, the CLI or any process: ${name}`, async () => {
      const root = path.join(makeTempDir('unsandboxed'), 'repo');
      fs.cpSync(path.join(fixturesDir, 'localize-js'), root, { recursive: true });
      const issue = path.join(root, '..', 'ISSUE.txt');
      fs.writeFileSync(issue, 'subtract(5, 3) gives 8, not 2');
      const key = `sk-hostile-${randomUUID()}`;
      const server = await startServer({
        replies: [
          { when: { systemIncludes: 'You judge' }, content: '<judgment>NO</judgment><reason>It only looked around.</reason>', times: Infinity },
          { when: { systemIncludes: 'You reproduce' }, content: `<reproduction path="repro.js" command="node repro.js">\n${hostileScript}</reproduction>`, times: 1 },
        ],
        fallback: { content: 'no more', times: Infinity },
      });
      const env = cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache'), OPENAI_API_KEY: key, ATOMIC_SKILLS_BWRAP: '/nonexistent/bwrap', ATOMIC_SKILLS_ISOLATION: 'copy', ...tetherEnv });
      const r = await runProcess(process.execPath, [distCli, 'reproduce', '--repo', root, '--issue', issue, '--yes', '--base-url', server.url], { env, timeoutMs: 60_000 });
      assert.match(r.stderr, /running node repro\.js in .*Not sandboxed \(bubblewrap \(bwrap\) is not installed.*it runs with your permissions/, r.stderr);
      assert.match(r.stderr, /node repro\.js ran without a sandbox \(exit 1, /);
      const judged = JSON.stringify(server.chatRequests().map((q) => q.body));
      const chain = /CHAIN (\[.*?\])/.exec(judged.replace(/\\"/g, '"'))?.[1];
      assert.ok(chain, `the script ran and its output reached the judge: ${r.stdout}\n${r.stderr}`);
      const ancestors = JSON.parse(chain) as { cli: boolean; readable: boolean; key: boolean }[];
      assert.equal(ancestors.filter((a) => a.key).length, 0, `no ancestor holds the key: ${chain}`);
      if (Object.keys(tetherEnv).length) assert.ok(ancestors.some((a) => a.cli && a.readable), `the CLI's environment was in reach and read: ${chain}`);
      assert.match(judged, /SCAN 0 of [1-9]/, 'no process it can read holds the key');
      for (const text of [r.stdout, r.stderr, judged]) assert.ok(!text.includes(key));
    });
  }
});
