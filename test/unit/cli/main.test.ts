// The CLI entry, in process: main(argv, env, signal) with a real repository and the scripted server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { helpText } from '../../../src/cli/help';
import { cliCommands } from '../../../src/cli/cliCommands';
import type { ReviewResult } from '../../../src/core/skills/review/reviewTypes';
import { closedPort } from '../../support/closedPort';
import { captureStdio } from '../helpers/captureStdio';
import { makeTempDir, removeTempDirs, repoRoot } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { changedReviewRepo, createFixtureRepo, edit } from '../helpers/tempRepo';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;

function cli(argv: string[], env: NodeJS.ProcessEnv = {}, signal = new AbortController().signal) {
  return captureStdio(() => main(argv, env, signal));
}

const bug = { file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'multiply adds one.' };

describe('main: help, version and usage errors', () => {
  it('--help and -h print the help and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await cli([flag]);
      assert.equal(run.value, 0);
      assert.equal(run.stdout, helpText(cliCommands));
      assert.equal(run.stderr, '');
    }
  });

  it('no command prints the help and exits 2', async () => {
    const run = await cli([]);
    assert.equal(run.value, 2);
    assert.equal(run.stdout, helpText(cliCommands));
  });

  it('--version and -v print the package.json version', async () => {
    for (const flag of ['--version', '-v']) {
      const run = await cli([flag]);
      assert.equal(run.value, 0);
      assert.equal(run.stdout, `${version}\n`);
    }
  });

  it('exits 2 with a message for an unknown command, flag or extra argument, and for flags that do not go together', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['deploy'], /unknown command "deploy"\. The commands: review, localize, edit, tests, reproduce, fix, run, index, apply/],
      [['review', '--colour'], /--colour/],
      [['review', 'extra'], /Unexpected argument "extra"/],
      [['review', '--staged', '--base', 'main'], /--staged and --base cannot be combined/],
      [['review', '--head', 'HEAD'], /--head needs --base/],
      [['review', '--timeout=-5'], /--timeout must be a number above 0/],
      [['review', '--timeout', '0'], /--timeout must be a number above 0/],
      [['localize', '--issue', '-', '--top', '2.5'], /--top must be a whole number of at least 1/],
      [['test', '--target', 'a.js', '--mutants=-1'], /--mutants must be a whole number of at least 0/],
      [['tests', '--target', 'a.js', '--mutants', '101'], /--mutants must be at most 100/],
      [['run', '--workflow', 'fix', '--issue', '-', '--dry-run'], /run does not take --dry-run\. Its options: --workflow /],
      [['mutate', '--target', 'a.js', '--tests', 't.js', '--base-url', 'http://x'], /mutate does not take --base-url/],
      [['review', '--max-tool-turns', 'many'], /--max-tool-turns must be a whole number of at least 0/],
      [['review', '--repo'], /--repo/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      assert.equal(run.value, 2, argv.join(' '));
      assert.match(run.stderr, /^atomic-skills: /);
      assert.match(run.stderr, message, argv.join(' '));
      assert.equal(run.stdout, '');
    }
  });
});

describe('main: review', () => {
  it('--json prints the typed result', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ content: reviewReply('NO', [bug], 'multiply is broken.') }] });
    const run = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url]);
    assert.equal(run.value, 0, run.stderr);
    const result = JSON.parse(run.stdout) as ReviewResult;
    assert.equal(result.judgment, 'NO');
    assert.equal(result.review, 'multiply is broken.');
    assert.deepEqual(result.findings, [bug]);
    assert.equal(result.findings[0].line, 12);
    assert.deepEqual(result.files, ['src/math.js']);
    assert.deepEqual(result.model, { backend: 'openai', model: 'scripted-model', endpoint: server.url });
    assert.equal(run.stderr, '', 'no progress lines with --json');
  });

  it('prints the verdict and summary as text, with progress on stderr', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ content: reviewReply('NO', [bug], 'multiply is broken.') }] });
    const run = await cli(['review', '--repo', path.join(repo.dir, 'src'), '--base-url', server.url, '--model', 'scripted-model']);
    assert.equal(run.value, 0, run.stderr);
    // Not a terminal: plain text, the verdict once, no Markdown markup.
    assert.ok(run.stdout.startsWith('Verdict: NO — 1 finding in 1 file\n\nmultiply is broken.'), run.stdout);
    assert.ok(run.stdout.includes('- src/math.js:12 [high/bug] multiply adds one.'));
    assert.doesNotMatch(run.stdout, /\*\*|`|\u001b/);
    assert.match(run.stderr, /Collecting uncommitted changes…/);
  });

  it('--fail-on-no exits 1 on NO and 0 on YES', async () => {
    const repo = changedReviewRepo();
    const no = await startServer({ replies: [{ content: reviewReply('NO', [bug]) }] });
    const yes = await startServer({ replies: [{ content: reviewReply('YES') }] });
    assert.equal((await cli(['review', '--repo', repo.dir, '--json', '--fail-on-no', '--base-url', no.url])).value, 1);
    assert.equal((await cli(['review', '--repo', repo.dir, '--json', '--fail-on-no', '--base-url', yes.url])).value, 0);
    const again = await startServer({ replies: [{ content: reviewReply('NO') }] });
    assert.equal((await cli(['review', '--repo', repo.dir, '--json', '--base-url', again.url])).value, 0, 'NO without --fail-on-no is not a failure');
  });

  it('exits 2 (the model failed, not the change) with the reply as detail when the model answers twice in an unreadable format', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ fallback: { content: 'Looks good!', times: Infinity } });
    const run = await cli(['review', '--repo', repo.dir, '--json', '--fail-on-no', '--base-url', server.url]);
    assert.equal(run.value, 2);
    assert.match(run.stderr, /could not be read, even after one retry/);
    assert.match(run.stderr, /Looks good!/);
    assert.equal(run.stdout, '');
  });

  it('passes --base, --head, --intent and --max-tool-turns through to the review', async () => {
    const repo = createFixtureRepo('review-js');
    edit(repo, 'src/math.js', 'return a - b;', 'return b - a;');
    repo.commitAll('flip subtract');
    const server = await startServer({ replies: [{ content: reviewReply('NO') }] });
    const run = await cli(['review', '--repo', repo.dir, '--json', '--base', 'HEAD~1', '--head', 'HEAD', '--intent', 'Flip subtract on purpose.', '--max-tool-turns', '0', '--base-url', server.url]);
    assert.equal(run.value, 0, run.stderr);
    const result = JSON.parse(run.stdout) as ReviewResult;
    assert.deepEqual(result.scope, { kind: 'range', base: 'HEAD~1', head: 'HEAD' });
    const [request] = server.chatRequests();
    assert.equal(request.body.tools, undefined);
    assert.match(request.body.messages[1].content, /<intent>\nFlip subtract on purpose\.\n<\/intent>/);
  });

  it('exits 2 when the folder is not a git repository', async () => {
    const server = await startServer();
    const run = await cli(['review', '--repo', makeTempDir('plain'), '--base-url', server.url]);
    assert.equal(run.value, 2);
    assert.match(run.stderr, /is not inside a git repository/);
    assert.equal(server.requests.length, 0);
  });

  it('exits 2 when there is nothing to review', async () => {
    const repo = createFixtureRepo('review-js');
    const server = await startServer();
    const run = await cli(['review', '--repo', repo.dir, '--base-url', server.url]);
    assert.equal(run.value, 2);
    assert.match(run.stderr, /There are no uncommitted changes to review/);
  });

  it('exits 2 when the endpoint is unreachable, listing models or chatting', async () => {
    const repo = changedReviewRepo();
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    for (const extra of [[], ['--model', 'm']]) {
      const run = await cli(['review', '--repo', repo.dir, '--json', '--base-url', url, ...extra]);
      assert.equal(run.value, 2, extra.join(' '));
      assert.match(run.stderr, /Cannot reach the model endpoint at http:\/\/127\.0\.0\.1:\d+\/v1/);
      assert.match(run.stderr, /--base-url \(ATOMIC_SKILLS_BASE_URL\) points at it/, 'the CLI names its own flag');
      assert.doesNotMatch(run.stderr, /atomicSkills\./, 'not a VS Code setting');
    }
    const bad = await cli(['review', '--repo', repo.dir, '--base-url', 'foo']);
    assert.equal(bad.value, 2);
    assert.match(bad.stderr, /^atomic-skills: --base-url \(ATOMIC_SKILLS_BASE_URL\) "foo" is not an http\(s\) URL/);
  });

  it('reads the endpoint and model from ATOMIC_SKILLS_BASE_URL and ATOMIC_SKILLS_MODEL; flags win', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ models: ['first', 'chosen'], fallback: { content: reviewReply('YES'), times: Infinity } });
    const run = await cli(['review', '--repo', repo.dir, '--json'], { ATOMIC_SKILLS_BASE_URL: server.url, ATOMIC_SKILLS_MODEL: 'chosen' });
    assert.equal(run.value, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as ReviewResult).model.model, 'chosen');
    assert.equal(server.chatRequests()[0].body.model, 'chosen');
    assert.equal(server.requests.filter((r) => r.path === '/v1/models').length, 0);
    const flagged = await cli(['review', '--repo', repo.dir, '--json', '--model', 'first'], { ATOMIC_SKILLS_BASE_URL: server.url, ATOMIC_SKILLS_MODEL: 'chosen' });
    assert.equal((JSON.parse(flagged.stdout) as ReviewResult).model.model, 'first');
  });

  it('takes the first listed model when none is named', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ models: ['listed-first', 'listed-second'], replies: [{ content: reviewReply('YES') }] });
    const run = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url]);
    assert.equal(run.value, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as ReviewResult).model.model, 'listed-first');
    assert.equal(server.chatRequests()[0].body.model, 'listed-first');
  });

  it('sends ATOMIC_SKILLS_API_KEY (or else OPENAI_API_KEY) as a Bearer token; a refused key exits 2', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ apiKey: 'sk-atomic', fallback: { content: reviewReply('YES'), times: Infinity } });
    const ok = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url], { ATOMIC_SKILLS_API_KEY: 'sk-atomic', OPENAI_API_KEY: 'sk-other' });
    assert.equal(ok.value, 0, ok.stderr);
    assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer sk-atomic'));
    const fallback = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url], { OPENAI_API_KEY: 'sk-atomic' });
    assert.equal(fallback.value, 0, fallback.stderr);
    const refused = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url], { ATOMIC_SKILLS_API_KEY: 'sk-wrong' });
    assert.equal(refused.value, 2);
    assert.match(refused.stderr, /refused the API key/);
    const none = await cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url], {});
    assert.equal(none.value, 2);
    assert.equal(server.requests[server.requests.length - 1].headers.authorization, undefined, 'no key, no Authorization header');
  });

  it('exits 130 when cancelled', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ replies: [{ delayMs: 10_000, content: reviewReply('YES') }] });
    const controller = new AbortController();
    const running = cli(['review', '--repo', repo.dir, '--json', '--base-url', server.url, '--model', 'scripted-model'], {}, controller.signal);
    const end = Date.now() + 5000;
    while (server.chatRequests().length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const run = await running;
    assert.equal(run.value, 130);
    assert.match(run.stderr, /Cancelled/);
  });
});
