// Issue 13, item 5: the shipped CLI (dist/cli.js, its own process) never prints a credential. A scripted server
// on 127.0.0.1 answers 401 quoting the Authorization header it got; a base URL carries user:password@.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { changedReviewRepo } from '../helpers/tempRepo';
import { folderText } from '../helpers/folderText';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeServers();
  removeTempDirs();
});

const secret = 'some-unique-secret';


function cli(args: string[], env: Record<string, string>) {
  return runProcess(process.execPath, [distCli, ...args], { env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache'), ...env }) });
}

describe('the CLI keeps credentials out of its output', () => {
  it('a 401 echoing the Authorization header: exit 2, says the key was refused and how to set it, prints no key (stderr, stdout, store)', async () => {
    const server = await startServer({ apiKey: 'the-right-key-0000', echoAuthorization: true });
    const repo = changedReviewRepo();
    const issue = path.join(makeTempDir('issue'), 'ISSUE.md');
    fs.writeFileSync(issue, 'multiply(2, 3) returns 7 instead of 6.\n');
    const store = makeTempDir('store');
    const runs: Array<[string, string[]]> = [
      ['review, listing models', ['review', '--repo', repo.dir]],
      ['review --json, chatting', ['review', '--repo', repo.dir, '--model', 'scripted-model', '--json']],
      ['fix', ['fix', '--repo', repo.dir, '--issue', issue, '--model', 'scripted-model', '--yes']],
    ];
    for (const [keyVariable, [name, args]] of [['ATOMIC_SKILLS_API_KEY', runs[0]], ['OPENAI_API_KEY', runs[1]], ['ATOMIC_SKILLS_API_KEY', runs[2]]] as const) {
      const run = await cli([...args, '--base-url', server.url], { [keyVariable]: secret, ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store });
      assert.equal(run.code, 2, `${name}: ${run.stderr}`);
      assert.match(run.stderr, /refused the API key \(HTTP 401/, name);
      assert.match(run.stderr, /Set ATOMIC_SKILLS_API_KEY \(or OPENAI_API_KEY\) to the right key\./, name);
      assert.match(run.stderr, /Authorization: Bearer \[REDACTED:api-key\]/, `${name}: the echo is shown, the key replaced`);
      assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret), `${name}:\n${run.stderr}\n${run.stdout}`);
    }
    // The server got the key in each run (so it could echo it), and nothing the CLI stored holds it.
    assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${secret}`));
    assert.ok(!folderText(store).includes(secret));
  });

  it('a base URL with user:password@: exit 2 before any request, the password nowhere, the way to pass a key named', async () => {
    const server = await startServer({ models: ['scripted-model'] });
    const repo = changedReviewRepo();
    const password = 'pa55-w0rd-in-url';
    const withCredentials = server.url.replace('http://', `http://alice:${password}@`);
    for (const [how, args, env] of [
      ['--base-url', ['--base-url', withCredentials], {}],
      ['ATOMIC_SKILLS_BASE_URL', [], { ATOMIC_SKILLS_BASE_URL: withCredentials }],
      ['without the scheme', ['--base-url', withCredentials.replace('http://', '')], {}],
    ] as const) {
      const run = await cli(['review', '--repo', repo.dir, ...args], env);
      assert.equal(run.code, 2, `${how}: ${run.stderr}`);
      assert.match(run.stderr, /has a user name or password in it, which is not used\. Put the credential in the API key instead: set ATOMIC_SKILLS_API_KEY \(or OPENAI_API_KEY\) and remove it from the URL\./, how);
      assert.match(run.stderr, /\[REDACTED:userinfo\]@127\.0\.0\.1/, `${how}: the URL is shown masked`);
      assert.ok(!run.stderr.includes(password) && !run.stdout.includes(password) && !run.stderr.includes('alice'), `${how}: ${run.stderr}`);
    }
    assert.equal(server.requests.length, 0, 'nothing was sent with the credentials');
  });
});
