// The CLI against a model server that never answers or drips empty events: the waits are shown on
// stderr (also with --json), the final error states the attempts and the total, and it exits 2.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { cliSettings } from '../../../src/cli/cliModel';
import { emptyDelta, startHostileModelServer, type HostileModelServer } from '../../support/hostileModelServer';
import { captureStdio } from '../helpers/captureStdio';
import { removeTempDirs } from '../helpers/paths';
import { changedReviewRepo } from '../helpers/tempRepo';

const servers: HostileModelServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  removeTempDirs();
});

describe('CLI: model calls that never hang', () => {
  it('a server that never answers: each retry on stderr, then exit 2 naming the attempts, the total and --timeout', async () => {
    const server = await startHostileModelServer([{ kind: 'silent' }]);
    servers.push(server);
    const repo = changedReviewRepo();
    const started = Date.now();
    const run = await captureStdio(() => main(['review', '--repo', repo.dir, '--json', '--base-url', server.url, '--model', 'm', '--timeout', '1'], {}, new AbortController().signal));
    const took = Date.now() - started;
    assert.equal(run.value, 2);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 3, run.stderr);
    assert.match(lines[0], /^The model endpoint at http:\/\/127\.0\.0\.1:\d+\/v1 did not answer within 1 s; retrying \(attempt 2 of 3\)…$/);
    assert.match(lines[1], /retrying \(attempt 3 of 3\)…$/);
    assert.match(lines[2], /^atomic-skills: No answer from the model endpoint at http:\/\/127\.0\.0\.1:\d+\/v1 after 3 attempts of 1 s each, 3(\.\d)? s in all\. .*--timeout \(ATOMIC_SKILLS_TIMEOUT_SECONDS\)\.$/);
    assert.ok(took >= 3000 && took < 5000, `${took} ms`);
    assert.equal(server.requests.length, 3);
  });

  it('--reply-timeout and ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS set the whole-reply limit; the flag wins', () => {
    assert.equal(cliSettings({}, {}).model.replyTimeoutMs, 600_000);
    assert.equal(cliSettings({}, { ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS: '90' }).model.replyTimeoutMs, 90_000);
    assert.equal(cliSettings({ replyTimeoutSeconds: 30 }, { ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS: '90' }).model.replyTimeoutMs, 30_000);
  });

  it('a value outside the setting\'s range is refused with the range, not quietly clamped or dropped', () => {
    assert.throws(() => cliSettings({ replyTimeoutSeconds: 2 }, {}), (e: Error & { reason?: string }) => e.reason === 'usage' && e.message === '--reply-timeout must be a number from 5 to 7200 seconds, not 2.');
    assert.throws(() => cliSettings({}, { ATOMIC_SKILLS_TIMEOUT_SECONDS: 'soon' }), /ATOMIC_SKILLS_TIMEOUT_SECONDS must be a number from 1 to 3600 seconds, not soon\.$/);
    assert.throws(() => cliSettings({ maxToolTurns: 99 }, {}), /--max-tool-turns must be a number from 0 to 30, not 99\./);
    assert.equal(cliSettings({ timeoutSeconds: 0.5 * 2 }, {}).model.requestTimeoutMs, 1000);
  });

  it('a stream of empty events fails by --reply-timeout, named in the message', async () => {
    const server = await startHostileModelServer([{ kind: 'drip', everyMs: 50, event: emptyDelta }]);
    servers.push(server);
    const repo = changedReviewRepo();
    const started = Date.now();
    const run = await captureStdio(() =>
      main(['review', '--repo', repo.dir, '--base-url', server.url, '--model', 'm', '--timeout', '60', '--reply-timeout', '5'], {}, new AbortController().signal),
    );
    const took = Date.now() - started;
    assert.equal(run.value, 2);
    assert.match(run.stderr, /atomic-skills: The model endpoint at \S+ did not finish its reply within 5 s, the limit for a whole reply \(--reply-timeout or ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS\); it had sent only empty events\./);
    assert.ok(took >= 5000 && took < 7000, `${took} ms`);
  });
});
