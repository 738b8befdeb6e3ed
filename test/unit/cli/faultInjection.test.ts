// Fault injection: the built CLI (dist/cli.js, its own process) against a hostile model server and a
// hostile repository, for review, localize, edit, apply, fix --yes and reproduce --yes, with
// bubblewrap on PATH and without it. Each case asserts the promise, not the happy path: the run
// ends within a bound set by the CLI's own --timeout/--reply-timeout (the test's kill timer is only
// a safety net, and the case fails if it fires), with the documented exit code and a one-line error,
// the repository byte-for-byte as it was unless the command writes (then exactly the files it
// should), nothing written outside it, and no planted secret in the output or the feedback store.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedPort } from '../../support/closedPort';
import { deltaEvent, emptyDelta, startHostileModelServer, type HostileBehaviour, type HostileModelServer } from '../../support/hostileModelServer';
import type { ChatRequestBody } from '../../support/scriptedReplyRules';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import {
  changedPaths,
  folderBytes,
  hasBwrap,
  hostileReproduction,
  hostileRepo,
  pathWithoutBwrap,
  socketUnderTmp,
  stepOf,
  successReply,
  type HostileRepo,
  type Step,
} from './faultInjectionSupport';
import { folderText } from '../helpers/folderText';

before(ensureDistCli, { timeout: 120_000 });
const servers: HostileModelServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  removeTempDirs();
});

type Command = 'review' | 'localize' | 'edit' | 'apply' | 'fix' | 'reproduce';
type Chooser = (body: ChatRequestBody, index: number, repo: HostileRepo, socket: string) => HostileBehaviour;

interface Case {
  command: Command;
  fault: string;
  /** The server's behaviour per request; undefined: a closed port (connection refused). apply asks no model. */
  serve?: Chooser;
  /** Replaces the command's default arguments after --repo. */
  args?: (repo: HostileRepo) => string[];
  /** Before the run (e.g. write a hostile plan). */
  prepare?: (repo: HostileRepo) => void;
  code: number;
  stderr?: RegExp;
  /** What must explain the outcome, matched against stderr then stdout (exit 1 results are printed on stdout). */
  says?: RegExp;
  /** Repository paths the run must change (only when it exits 0); none by default. */
  writes?: string[];
  /** The bound the CLI's own flags set for this case, ms. */
  withinMs?: number;
  bwrap?: 'present' | 'absent';
  /** Set when planted secrets reach the recorded forms: the store must hold them redacted, and so must an export. */
  redacts?: boolean;
  /** --timeout and --reply-timeout, seconds, instead of 2 and 5. */
  timeouts?: [number, number];
  /** The base URL carries user:password@ (the password is one more secret). */
  userinfo?: boolean;
  /** The script leaves a detached process that would write outside 1.5 s later: wait that long before comparing. */
  lateWrite?: boolean;
  /** Set when the run must not reach the Unix socket under /tmp. */
  socketSealed?: boolean;
}

/** Model flags: by default 2 s per attempt, 5 s (the least allowed) for a whole call, 3 tool turns. */
const modelFlags = (url: string, [attempt, reply] = [2, 5]) => ['--base-url', url, '--model', 'm', '--timeout', String(attempt), '--reply-timeout', String(reply), '--max-tool-turns', '3'];

const commandArgs: Record<Command, (r: HostileRepo) => string[]> = {
  review: (r) => ['review', '--repo', r.repo],
  localize: (r) => ['localize', '--repo', r.repo, '--issue', r.issue],
  edit: (r) => ['edit', '--repo', r.repo, '--instruction', 'Make subtract subtract.', '--files', 'src/math.js'],
  apply: (r) => ['apply', '--repo', r.repo, '--plan', r.plan],
  fix: (r) => ['fix', '--repo', r.repo, '--issue', r.issue, '--yes'],
  reproduce: (r) => ['reproduce', '--repo', r.repo, '--issue', r.issue, '--yes'],
};

/** What each command writes when it succeeds. */
const successWrites: Record<Command, string[]> = { review: [], localize: [], edit: ['src/math.js'], apply: ['src/math.js'], fix: [], reproduce: [] };

const modelCommands: Command[] = ['review', 'localize', 'edit', 'fix', 'reproduce'];

const ok: Chooser = (body) => successReply(stepOf(body));
const firstThen = (first: HostileBehaviour): Chooser => (body, i) => (i === 0 ? first : successReply(stepOf(body)));
const always = (b: HostileBehaviour): Chooser => () => b;
/** The fault for requests of one step, success for the others. */
const atStep = (step: Step, fault: (r: HostileRepo, socket: string) => HostileBehaviour): Chooser => (body, _i, r, socket) => (stepOf(body) === step ? fault(r, socket) : successReply(stepOf(body)));

const roleChunk = deltaEvent({ role: 'assistant', content: '' });
const oneLineError = /^atomic-skills: \S.*$/;

const escapeEdit = [
  '../outside/sentinel.txt\n```\n<<<<<<< SEARCH\nSENTINEL=\n=======\nOWNED=\n>>>>>>> REPLACE\n```\n',
  'linkout/sentinel.txt\n```\n<<<<<<< SEARCH\nSENTINEL=\n=======\nOWNED=\n>>>>>>> REPLACE\n```\n',
  'src/sentinel.js\n```\n<<<<<<< SEARCH\nSENTINEL=\n=======\nOWNED=\n>>>>>>> REPLACE\n```\n',
  '../outside/new.js\n```\n<<<<<<< SEARCH\n=======\nmodule.exports = 1;\n>>>>>>> REPLACE\n```\n',
].join('\n');
const escapeReads: HostileBehaviour = {
  kind: 'reply',
  content: '',
  toolCalls: [
    { name: 'read_file', arguments: { path: '../outside/sentinel.txt' } },
    { name: 'read_file', arguments: { path: 'linkout/sentinel.txt' } },
    { name: 'read_file', arguments: { path: 'src/sentinel.js' } },
    { name: 'read_file', arguments: { path: 'pipe' } },
    { name: 'list_directory', arguments: { path: 'linkout' } },
    { name: 'read_file', arguments: { path: '.env' } },
    { name: 'read_file', arguments: { path: '.envrc' } },
    { name: 'read_file', arguments: { path: 'config/aws.toml' } },
  ],
};

const toolsForever: Record<Command, Pick<Case, 'code' | 'says'>> = {
  review: { code: 2 },
  localize: { code: 2 },
  fix: { code: 2 },
  edit: { code: 1, says: /^The reply held no edit; asking for repair 1 of 2…$[^]*the model proposed no edit, also after 2 repair turn\(s\)[^]*The reply holds no edit/m },
  reproduce: { code: 1, says: /Not reproduced after 3 attempts\. The last one: Your reply holds no <reproduction> block/ },
  apply: { code: 2 },
};

function modelFaults(command: Command): Case[] {
  const succeeded = { code: 0, writes: successWrites[command] };
  const cases: Case[] = [
    { command, fault: 'connection refused', code: 2, stderr: /Cannot reach the model endpoint/, withinMs: 12_000 },
    { command, fault: '500, then success (retried)', serve: firstThen({ kind: 'status', status: 500 }), ...succeeded, stderr: /HTTP 500.*retrying/ },
    { command, fault: '429 with Retry-After: 1, then success', serve: firstThen({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }), ...succeeded, stderr: /429.*1 s/ },
    { command, fault: '429 with Retry-After: 120 (beyond the cap: fail at once, say when)', serve: always({ kind: 'status', status: 429, headers: { 'retry-after': '120' } }), code: 2, stderr: /429[^]*(2 min|120 s)/, withinMs: 5_000 },
    { command, fault: '401 whose body echoes the Authorization header', serve: (_b, _i, r) => ({ kind: 'status', status: 401, message: `Incorrect API key provided: Bearer ${r.apiKey}` }), code: 2, stderr: /401|API key/ },
    { command, fault: 'base URL with user:password@ (refused up front)', serve: always({ kind: 'status', status: 500 }), userinfo: true, code: 2, stderr: /--base-url \(ATOMIC_SKILLS_BASE_URL\) "http:\/\/\[REDACTED:userinfo\]@127\.0\.0\.1:\d+\/v1" has a user name or password in it[^]*ATOMIC_SKILLS_API_KEY/, withinMs: 5_000 },
    { command, fault: 'accepts and never answers', serve: always({ kind: 'silent' }), timeouts: [1, 5], code: 2, stderr: /No answer from the model endpoint at \S+ after 3 attempts of 1 s each/, withinMs: 10_000 },
    { command, fault: 'stalls mid-reply (content, then silence)', serve: always({ kind: 'stall', text: 'The change' }), timeouts: [1, 5], code: 2, stderr: /stopped sending its reply within 1 s/, withinMs: 10_000 },
    { command, fault: 'truncated SSE stream (ends without finish or [DONE])', serve: always({ kind: 'raw', events: [roleChunk, deltaEvent({ content: 'The review is' })], end: 'end' }), code: 2 },
    { command, fault: 'SSE stream reset mid-reply', serve: always({ kind: 'raw', events: [roleChunk, deltaEvent({ content: 'The review is' })], end: 'reset' }), code: 2 },
    { command, fault: 'empty events forever (per-attempt wait: they do not count)', serve: always({ kind: 'drip', everyMs: 100, event: emptyDelta }), timeouts: [1, 5], code: 2, stderr: /after 3 attempts of 1 s each \(it sent only empty events\)/, withinMs: 10_000 },
    {
      command,
      fault: 'empty events forever (whole-reply deadline, --reply-timeout 5 under --timeout 30)',
      serve: always({ kind: 'drip', everyMs: 100, event: emptyDelta }),
      timeouts: [30, 5],
      code: 2,
      stderr: /did not finish its reply within 5 s, the limit for a whole reply \(--reply-timeout or ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS\)/,
      withinMs: 12_000,
    },
    { command, fault: 'malformed JSON chunk', serve: always({ kind: 'raw', events: [roleChunk, 'data: {"id":"x","choices":[{"index":0,"delta":{"content":"oops"\n\n', 'data: [DONE]\n\n'], end: 'end' }), code: 2 },
    { command, fault: 'endless reply (huge)', serve: always({ kind: 'endless', everyMs: 5, text: 'x'.repeat(16_384) }), code: 2, withinMs: 12_000 },
    {
      command,
      fault: 'invalid tool-call arguments, then success',
      serve: firstThen({ kind: 'reply', content: '', toolCalls: [{ name: 'read_file', arguments: '{"path": "src/ma' }] }),
      ...succeeded,
    },
    // reproduce and edit count a model that never answers with a script or an edit as a failed attempt (1).
    { command, fault: 'tool calls forever (reading .env)', serve: always({ kind: 'reply', content: '', toolCalls: [{ name: 'read_file', arguments: { path: '.env' } }] }), ...toolsForever[command] },
  ];
  return cases;
}

function escapeCases(): Case[] {
  const refused = { says: /Refused: \S*outside\/sentinel\.txt is outside the workspace[^]*Refused: linkout\/sentinel\.txt goes through a symbolic link that leads outside the workspace/ };
  const read = { serve: firstThen(escapeReads), code: 0, redacts: true };
  return [
    { command: 'review', fault: 'tool reads out of the repository (../, symlinks, FIFO)', ...read },
    { command: 'localize', fault: 'tool reads out of the repository (../, symlinks, FIFO)', ...read },
    { command: 'edit', fault: 'reply writes ../outside and through symlinks', serve: always({ kind: 'reply', content: escapeEdit }), code: 1, ...refused },
    { command: 'fix', fault: 'edit step writes ../outside and through symlinks', serve: atStep('edit', () => ({ kind: 'reply', content: escapeEdit })), code: 1, ...refused },
    {
      command: 'reproduce',
      fault: 'reproduction script path ../outside',
      serve: atStep('reproduce', () => ({ kind: 'reply', content: '<reproduction path="../outside/repro.js" command="node ../outside/repro.js">\nprocess.exit(1);\n</reproduction>' })),
      code: 1,
      says: /Not reproduced after 3 attempts\. The last one: .*outside/,
    },
    { command: 'apply', fault: 'plan writes ../outside and through symlinks', prepare: (r) => fs.writeFileSync(r.plan, escapeEdit), code: 1, ...refused },
  ];
}

function applyCases(): Case[] {
  return [
    { command: 'apply', fault: 'none (the plan applies)', code: 0, writes: ['src/math.js'] },
    { command: 'apply', fault: 'plan edits the FIFO', prepare: (r) => fs.writeFileSync(r.plan, '--- a/pipe\n+++ b/pipe\n@@ -1 +1 @@\n-x\n+y\n'), code: 1, says: /^FAILED +pipe block 1: Cannot read pipe: pipe is not a regular file \(a FIFO\)/m },
    { command: 'apply', fault: 'plan is the FIFO', args: (r) => ['apply', '--repo', r.repo, '--plan', path.join(r.repo, 'pipe')], code: 2, stderr: /not a regular file|FIFO/i },
    { command: 'apply', fault: 'plan is not an edit', prepare: (r) => fs.writeFileSync(r.plan, '{"edits": [{"oops": true}'), code: 1, says: /^atomic-skills: The plan holds no edits/m },
    { command: 'edit', fault: '--files names the FIFO', args: (r) => ['edit', '--repo', r.repo, '--instruction', 'x', '--files', 'pipe'], serve: ok, code: 2, stderr: /regular file|FIFO/i },
  ];
}

function scriptCases(): Case[] {
  const out: Case[] = [];
  for (const bwrap of ['present', 'absent'] as const) {
    const serve = atStep('reproduce', (r, socket) => ({ kind: 'reply', content: hostileReproduction(r.repo, socket, path.join(r.outside, 'late.txt')) }));
    // Without bubblewrap the run must say so; the socket is then in reach (the sandbox is what seals it).
    const sandbox = bwrap === 'present' ? { socketSealed: true, says: /^(?![^]*Not sandboxed)/ } : { says: /Not sandboxed \(bubblewrap \(bwrap\) is not installed/ };
    const hostile = { serve, code: 0, bwrap, lateWrite: true, ...sandbox };
    out.push({ command: 'reproduce', fault: `hostile script (edits src/math.js, adds postinstall, writes .envrc, connects to a /tmp socket, leaves a detached writer), bwrap ${bwrap}`, ...hostile });
    out.push({ command: 'fix', fault: `hostile script in the reproduction step, bwrap ${bwrap}`, ...hostile });
    out.push({ command: 'fix', fault: `none (happy path), bwrap ${bwrap}`, serve: ok, code: 0, bwrap });
  }
  return out;
}

const cases: Case[] = [...modelCommands.flatMap(modelFaults), ...escapeCases(), ...applyCases(), ...scriptCases()];

const safetyNetMs = 60_000;
const outcomes: string[] = [];

async function runCase(c: Case): Promise<void> {
  const r = hostileRepo();
  c.prepare?.(r);
  const socket = await socketUnderTmp();
  let url = `http://127.0.0.1:${await closedPort()}/v1`;
  let server: HostileModelServer | undefined;
  if (c.serve) {
    const serve = c.serve;
    server = await startHostileModelServer((body, i) => serve(body, i, r, socket.path));
    servers.push(server);
    url = server.url;
  }
  if (c.userinfo) {
    const password = `url-pw-${randomUUID()}`;
    r.secrets.push(password);
    url = url.replace('http://', `http://fault:${password}@`);
  }
  const repoBefore = folderBytes(r.repo);
  const caseBefore = folderBytes(r.caseDir);
  const homeBefore = folderBytes(r.home);
  const tmp = makeTempDir('fault-tmp');
  const env = cleanEnv({
    HOME: r.home,
    TMPDIR: tmp,
    OPENAI_API_KEY: r.apiKey,
    ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all',
    ATOMIC_SKILLS_FEEDBACK_DIR: r.store,
    ATOMIC_SKILLS_CACHE_DIR: r.cache,
    NO_COLOR: '1',
    ...(c.bwrap === 'absent' ? { PATH: pathWithoutBwrap() } : {}),
  });
  const args = [...(c.args ?? commandArgs[c.command])(r), ...(c.command === 'apply' ? [] : modelFlags(url, c.timeouts))];
  const started = Date.now();
  const run = await runProcess(process.execPath, [distCli, ...args], { env, cwd: r.repo, timeoutMs: safetyNetMs });
  const took = Date.now() - started;
  if (c.lateWrite) await new Promise((resolve) => setTimeout(resolve, 2000));
  await socket.close();
  const changed = changedPaths(repoBefore, folderBytes(r.repo));
  const elsewhere = changedPaths(caseBefore, folderBytes(r.caseDir)).filter((p) => p !== 'repo/' && !p.startsWith('repo/'));
  const lastLine = (run.stderr.trimEnd().split('\n').pop() ?? '').slice(0, 160);
  outcomes.push(`| ${c.command} | ${c.fault} | ${run.code} | ${(took / 1000).toFixed(1)} s | ${changed.join(' ') || '-'} | ${socket.connections()} | ${lastLine} |`);
  const shown = `\n--- stderr ---\n${run.stderr.slice(-3000)}\n--- stdout ---\n${run.stdout.slice(0, 2000)}`;

  assert.notEqual(run.code, null, `killed by the test's safety net after ${safetyNetMs} ms: the CLI did not end on its own${shown}`);
  assert.ok(took <= (c.withinMs ?? 15_000), `took ${took} ms${shown}`);
  assert.equal(run.code, c.code, `exit code${shown}`);
  const last = run.stderr.trimEnd().split('\n').pop() ?? '';
  if (c.code === 2 && c.command === 'fix' && !oneLineError.test(last)) {
    // A step that failed on its own (not on the endpoint) ends the workflow with its summary.
    assert.match(run.stderr, /^Fix Bug: failed at \w+ in [\d.]+ s$/m, `the workflow says where it failed${shown}`);
    assert.match(run.stderr, /^✗ \w+ \([^)]*\): \w+ failed — \S.*$/m, `and why, in one line${shown}`);
  } else if (c.code === 2) assert.match(last, oneLineError, `a clear one-line error last on stderr${shown}`);
  if (c.says) assert.match(`${run.stderr}\n${run.stdout}`, c.says, shown);
  if (c.command === 'fix' && c.code === 0) {
    // The patch is the edit's change and nothing a script wrote in its view of the workspace.
    assert.match(run.stdout, /^\+  return a - b;$/m, `the patch holds the fix${shown}`);
    assert.doesNotMatch(run.stdout, /backdoor|postinstall|EVIL|repro\.js/, `the patch holds nothing else${shown}`);
    assert.deepEqual(run.stdout.match(/^\+\+\+ .*$/gm), ['+++ b/src/math.js'], `one file in the patch${shown}`);
  }
  assert.doesNotMatch(run.stderr, /^\s+at .+:\d+:\d+\)?$/m, `no stack trace${shown}`);
  assert.doesNotMatch(run.stderr, /atomicSkills\.\w+/, `no VS Code setting named in the CLI${shown}`);
  if (c.stderr) assert.match(run.stderr, c.stderr, shown);
  assert.deepEqual(changed, c.code === 0 ? [...(c.writes ?? [])] : [], `repository changes${shown}`);
  assert.deepEqual(elsewhere, [], 'nothing written outside the repository');
  assert.deepEqual(changedPaths(homeBefore, folderBytes(r.home)), [], 'nothing written in the home folder');
  assert.deepEqual([...folderBytes(tmp).keys()], [], 'nothing left in the temp folder (no copy, overlay or half-written file)');
  const store = folderText(r.store);
  const seen = `${run.stdout}\n${run.stderr}\n${store}`;
  for (const secret of r.secrets) assert.ok(!seen.includes(secret), `secret ${secret.slice(0, 8)}… leaked into ${store.includes(secret) ? 'the feedback store' : 'the output'}`);
  const outsideSecret = r.secrets[4]; // the sentinel's
  assert.ok(!(server?.requests ?? []).some((q) => q.body.includes(outsideSecret)), 'the sentinel outside the repository reached the model');
  assert.ok(store.length < 8 * 1024 * 1024, `feedback store of ${store.length} characters`);
  if (c.redacts) {
    for (const form of [/API_TOKEN=\[REDACTED/, /DB_PASSWORD=\[REDACTED/, /SESSION_SECRET=\[REDACTED/, /aws_sk = \\"\[REDACTED/]) assert.match(store, form, 'the secret was recorded, redacted');
    const out = path.join(r.cache, 'export.jsonl');
    const exported = await runProcess(process.execPath, [distCli, 'export', '--format', 'trl-kto', '--out', out, '--store', r.store], { env, cwd: r.repo, timeoutMs: safetyNetMs });
    assert.equal(exported.code, 0, exported.stderr);
    const rows = fs.readFileSync(out, 'utf8');
    assert.ok(rows.length > 0 && rows.includes('[REDACTED'), 'the export holds the redacted record');
    for (const secret of r.secrets) assert.ok(!`${rows}${exported.stdout}${exported.stderr}`.includes(secret), `secret ${secret.slice(0, 8)}… in the export`);
  }
  if (c.socketSealed) assert.equal(socket.connections(), 0, 'the sandboxed script reached a host Unix socket under /tmp');
}

describe('fault injection: the built CLI against a hostile model and repository', { concurrency: 6 }, () => {
  for (const c of cases.filter((k) => !process.env.FAULT_ONLY || `${k.command} × ${k.fault}`.includes(process.env.FAULT_ONLY))) {
    const skip = process.platform !== 'linux' ? 'needs Linux (FIFOs, bubblewrap, /tmp sockets)' : c.bwrap === 'present' && !hasBwrap ? 'bubblewrap is not installed or does not work here (no user namespaces)' : false;
    it(`${c.command} × ${c.fault}`, { skip, timeout: safetyNetMs + 30_000 }, () => runCase(c));
  }
  after(() => {
    if (process.env.FAULT_TABLE) console.log(outcomes.sort().join('\n'));
  });
});
