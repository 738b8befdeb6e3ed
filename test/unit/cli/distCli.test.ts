// The shipped CLI: dist/cli.js (built by `npm run build`) run as its own process.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { helpText } from '../../../src/cli/help';
import { cliCommands } from '../../../src/cli/cliCommands';
import type { ReviewResult } from '../../../src/core/skills/review/reviewTypes';
import { closedPort } from '../../support/closedPort';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs, repoRoot } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { changedReviewRepo } from '../helpers/tempRepo';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeServers();
  removeTempDirs();
});

const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;
const cli = (args: string[], env?: Record<string, string>) => runProcess(process.execPath, [distCli, ...args], { env: cleanEnv(env) });

const bug = { file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'multiply adds one.' };

describe('dist/cli.js', () => {
  it('is an executable script that prints the package version', async () => {
    assert.ok(fs.readFileSync(distCli, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const run = await runProcess(distCli, ['--version'], { env: cleanEnv() });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
  });

  it('--help prints the help and exits 0', async () => {
    const run = await cli(['--help']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, helpText(cliCommands));
  });

  it('exits 2 for an unknown command or flag', async () => {
    const unknownCommand = await cli(['lint']);
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /unknown command "lint"/);
    const unknownFlag = await cli(['review', '--bogus']);
    assert.equal(unknownFlag.code, 2);
    assert.match(unknownFlag.stderr, /--bogus/);
  });

  it('review --json prints the typed result', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ content: reviewReply('NO', [bug]) }] });
    const run = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as ReviewResult;
    assert.equal(result.judgment, 'NO');
    assert.deepEqual(result.findings, [bug]);
    assert.equal(result.findings[0].line, 12);
  });

  it('--fail-on-no exits 1 on NO and 0 on YES', async () => {
    const repo = changedReviewRepo();
    const no = await startServer({ replies: [{ content: reviewReply('NO', [bug]) }] });
    const yes = await startServer({ replies: [{ content: reviewReply('YES') }] });
    assert.equal((await cli(['review', '--repo', repo.dir, '--fail-on-no', '--base-url', no.url])).code, 1);
    assert.equal((await cli(['review', '--repo', repo.dir, '--fail-on-no', '--base-url', yes.url])).code, 0);
  });

  it('exits 2 outside a git repository and when the endpoint is unreachable', async () => {
    const notRepo = await cli(['review', '--repo', makeTempDir('plain'), '--base-url', 'http://127.0.0.1:9/v1']);
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /is not inside a git repository/);
    const repo = changedReviewRepo();
    const unreachable = await cli(['review', '--repo', repo.dir, '--base-url', `http://127.0.0.1:${await closedPort()}/v1`]);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /Cannot reach the model endpoint/);
  });

  const script = (() => {
    try {
      return execFileSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  })();

  it('review at a real terminal (script(1) gives it one) prints the verdict once, styled; into a pipe, plain', { skip: !script || process.platform !== 'linux' ? 'needs util-linux script(1)' : false }, async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ fallback: { content: reviewReply('NO', [bug], '**multiply** is broken.'), times: Infinity } });
    const line = [process.execPath, distCli, 'review', '--repo', repo.dir, '--base-url', server.url].map((a) => `'${a}'`).join(' ');
    const tty = await runProcess(script, ['-qec', line, '/dev/null'], { env: cleanEnv({ TERM: 'xterm' }) });
    assert.equal(tty.code, 0, tty.stdout);
    const shown = tty.stdout.replace(/\r\n/g, '\n');
    assert.match(shown, /\u001b\[1mVerdict: \u001b\[31mNO\u001b\[39m\u001b\[22m — 1 finding in 1 file/);
    assert.equal(shown.match(/Verdict/g)?.length, 1);
    assert.doesNotMatch(shown, /\*\*/);
    const piped = await cli(['review', '--repo', repo.dir, '--base-url', server.url]);
    assert.ok(piped.stdout.startsWith('Verdict: NO — 1 finding in 1 file\n\nmultiply is broken.'), piped.stdout);
  });

  it('honours ATOMIC_SKILLS_BASE_URL, ATOMIC_SKILLS_MODEL and ATOMIC_SKILLS_API_KEY from its environment', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ models: ['first', 'chosen'], apiKey: 'sk-env', replies: [{ content: reviewReply('YES') }] });
    const run = await cli(['review', '--repo', repo.dir, '--json'], { ATOMIC_SKILLS_BASE_URL: server.url, ATOMIC_SKILLS_MODEL: 'chosen', ATOMIC_SKILLS_API_KEY: 'sk-env' });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as ReviewResult).model.model, 'chosen');
    assert.deepEqual(server.requests.map((r) => [r.path, r.headers.authorization]), [['/v1/chat/completions', 'Bearer sk-env']]);
    assert.equal(server.chatRequests()[0].body.model, 'chosen');
  });

  it('keeps the API key from the programs it starts (git gets none), and runs no filter driver of the repository', { skip: process.platform === 'win32' }, async () => {
    const repo = changedReviewRepo();
    const dir = makeTempDir('gitenv');
    const dump = path.join(dir, 'env.txt');
    const filterRan = path.join(dir, 'filter-ran');
    // git on PATH is a wrapper that records its environment and runs the real git.
    const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'git'), `#!/bin/sh\nenv >> '${dump}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    // A clean filter would run whenever git compares a working-tree file.
    const filter = path.join(dir, 'filter.sh');
    fs.writeFileSync(filter, `#!/bin/sh\ntouch '${filterRan}'\ncat\n`, { mode: 0o755 });
    repo.git('config', 'filter.dump.clean', filter);
    fs.writeFileSync(path.join(repo.dir, '.git', 'info', 'attributes'), '* filter=dump\n');
    const server = await startServer({ apiKey: 'sk-kept-in-memory', replies: [{ content: reviewReply('YES') }] });
    const run = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url], {
      ATOMIC_SKILLS_API_KEY: 'sk-kept-in-memory',
      OPENAI_API_KEY: 'sk-other',
      PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer sk-kept-in-memory'), 'the key still reaches the endpoint');
    assert.ok(JSON.stringify(server.requests.map((r) => r.body)).includes('return a * b + 1;'), 'the change was sent for review');
    const seen = fs.readFileSync(dump, 'utf8');
    assert.match(seen, /^PATH=/m, 'the CLI ran git through the wrapper');
    assert.doesNotMatch(seen, /sk-kept-in-memory|sk-other|ATOMIC_SKILLS_API_KEY|OPENAI_API_KEY/);
    assert.equal(fs.existsSync(filterRan), false, 'the repository\'s clean filter ran');
  });
});
