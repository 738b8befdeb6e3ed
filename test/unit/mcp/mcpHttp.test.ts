// `atomic-skills mcp --http PORT`: Streamable HTTP on 127.0.0.1 with a bearer token and Host/Origin checks.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type CallToolResult, type ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { cleanEnv, distCli, ensureDistCli } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { snapshotFiles } from '../helpers/mcpClient';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { judged, reproduceIssue as issue, startReproduceServer } from './reproduceReplies';
import { changedReviewRepo, createFixtureRepo } from '../helpers/tempRepo';
import { toolText as text } from './mcpFixtures';

const children: ChildProcess[] = [];
before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  for (const c of children) c.kill('SIGINT');
  await closeServers();
  removeTempDirs();
});

interface Served {
  url: string;
  port: number;
  pid: number;
  stderr: () => string;
}

async function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [distCli, 'mcp', '--http', '0', ...args], { env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache'), ...env }), stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  for (let t = 0; !/bearer token/.test(stderr) && t < 200; t++) await new Promise((r) => setTimeout(r, 50));
  const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)\/mcp/.exec(stderr)?.[1]);
  assert.ok(port > 0, stderr);
  return { url: `http://127.0.0.1:${port}/mcp`, port, pid: child.pid!, stderr: () => stderr };
}

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });

/** A raw POST with the headers given (node:http, so Host can be set). */
function post(port: number, headers: Record<string, string>, body = initialize): Promise<{ status: number; body: string; session?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, session: res.headers['mcp-session-id'] as string | undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function connect(url: string, token: string, options: { capabilities?: ClientCapabilities; setup?: (client: Client) => void } = {}): Promise<Client> {
  const client = new Client({ name: 'atomic-skills-tests', version: '1.0.0' }, { capabilities: options.capabilities ?? {} });
  options.setup?.(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

describe('atomic-skills mcp --http', () => {
  it('refuses requests without the token (401), with a foreign Host or Origin (403); with the token the SDK client lists and calls tools', async () => {
    const repo = changedReviewRepo();
    const model = await startServer({ replies: [{ content: reviewReply('YES') }] });
    const token = 'test-token-0123456789';
    const served = await serve(['--repo', repo.dir, '--base-url', model.url], { ATOMIC_SKILLS_MCP_TOKEN: token });
    assert.doesNotMatch(served.stderr(), new RegExp(token), 'a token from the environment is never printed');

    const none = await post(served.port, {});
    assert.equal(none.status, 401);
    assert.match(none.body, /bearer token/);
    assert.equal((await post(served.port, { authorization: 'Bearer wrong' })).status, 401);
    const host = await post(served.port, { authorization: `Bearer ${token}`, host: `evil.example:${served.port}` });
    assert.equal(host.status, 403);
    assert.match(JSON.parse(host.body).error.message, /Host "evil\.example:\d+" refused/);
    assert.equal((await post(served.port, { authorization: `Bearer ${token}`, origin: 'http://evil.example' })).status, 403);
    assert.equal((await post(served.port, { authorization: `Bearer ${token}`, origin: `http://localhost:${served.port}` })).status, 200);
    assert.equal((await post(served.port, { authorization: `bearer ${token}` })).status, 200, 'the scheme in any case');
    assert.equal((await post(served.port, { authorization: `Bearer ${token.toUpperCase()}` })).status, 401, 'the token exactly');

    const client = await connect(served.url, token);
    const { tools } = await client.listTools();
    assert.ok(tools.some((t) => t.name === 'review_changes'));
    const r = (await client.callTool({ name: 'review_changes', arguments: {} })) as CallToolResult;
    assert.equal(r.isError, undefined, JSON.stringify(r.content));
    assert.equal((r.structuredContent as { result: { judgment: string } }).result.judgment, 'YES');
    await client.close();
  });

  it('the token from ATOMIC_SKILLS_MCP_TOKEN is cleared from /proc/<pid>/environ, where an unsandboxed run could read it, and still works', { skip: process.platform !== 'linux' && 'Linux only' }, async () => {
    const token = `mcp-token-${process.pid}-${Date.now()}`;
    const served = await serve(['--repo', changedReviewRepo().dir, '--base-url', 'http://127.0.0.1:9/v1'], { ATOMIC_SKILLS_MCP_TOKEN: token });
    assert.doesNotMatch(fs.readFileSync(`/proc/${served.pid}/environ`, 'latin1'), new RegExp(token));
    assert.doesNotMatch(served.stderr(), /could not be cleared/);
    const client = await connect(served.url, token);
    assert.ok((await client.listTools()).tools.length > 5);
    await client.close();
  });

  it('a session left without DELETE ends once idle (no open request) for ATOMIC_SKILLS_MCP_IDLE_SECONDS: its next request is 404; a session with an open stream stays', async () => {
    const token = 'test-token-idle-0123456789';
    const served = await serve(['--repo', changedReviewRepo().dir, '--base-url', 'http://127.0.0.1:9/v1'], { ATOMIC_SKILLS_MCP_TOKEN: token, ATOMIC_SKILLS_MCP_IDLE_SECONDS: '1' });
    const auth = { authorization: `Bearer ${token}` };
    const left = await post(served.port, auth);
    assert.ok(left.session, left.body);
    const list = (session: string) => post(served.port, { ...auth, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' }, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
    assert.equal((await list(left.session)).status, 200, 'the session serves while in use');
    const staying = await connect(served.url, token);
    await new Promise((r) => setTimeout(r, 2500));
    const gone = await list(left.session);
    assert.equal(gone.status, 404);
    assert.match(gone.body, /Unknown or ended session; initialize again/);
    assert.ok((await staying.listTools()).tools.length > 5, "the SDK client's GET stream keeps its session open");
    await staying.close();
  });

  it('past ATOMIC_SKILLS_MCP_MAX_SESSIONS a new session closes the one idle longest; when every session has a request open it is refused (503) and the others keep serving', async () => {
    const token = 'test-token-max-0123456789';
    const served = await serve(['--repo', changedReviewRepo().dir, '--base-url', 'http://127.0.0.1:9/v1'], { ATOMIC_SKILLS_MCP_TOKEN: token, ATOMIC_SKILLS_MCP_MAX_SESSIONS: '2' });
    const auth = { authorization: `Bearer ${token}` };
    const list = (session: string) => post(served.port, { ...auth, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' }, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
    const first = (await post(served.port, auth)).session!;
    const second = (await post(served.port, auth)).session!;
    assert.equal((await list(first)).status, 200, 'the first session, used last');
    const third = await post(served.port, auth);
    assert.equal(third.status, 200, third.body);
    assert.equal((await list(second)).status, 404, 'the session idle longest was closed');
    assert.equal((await list(first)).status, 200);
    // SDK clients hold a GET stream open: their sessions are never the ones closed.
    const settle = () => new Promise((r) => setTimeout(r, 500));
    const a = await connect(served.url, token);
    await settle();
    const b = await connect(served.url, token);
    await settle();
    const refused = await post(served.port, auth);
    assert.equal(refused.status, 503);
    assert.match(refused.body, /Too many sessions: all 2 have a request open\. End one \(DELETE \/mcp\)/);
    assert.ok((await a.listTools()).tools.length > 5);
    assert.ok((await b.listTools()).tools.length > 5);
    await a.close();
    await b.close();
  });

  it('prints a random token at start when none is set, and that token works', async () => {
    const repo = changedReviewRepo();
    repo.write('.atomic/workflows/check.json', JSON.stringify({ name: 'check', title: 'Check', steps: [{ id: 'review', skill: 'review' }] }));
    const served = await serve(['--repo', repo.dir, '--base-url', 'http://127.0.0.1:9/v1']);
    const token = /bearer token (\S+)/.exec(served.stderr())?.[1];
    assert.ok(token && token.length >= 32, served.stderr());
    const client = await connect(served.url, token);
    const { tools } = await client.listTools();
    assert.ok(tools.length > 5);
    assert.ok(tools.some((t) => t.name === 'workflow_check'), "the repository's own workflow is a tool of the HTTP session too");
    await client.close();
    await assert.rejects(connect(served.url, `${token}x`), /401|Unauthorized|bearer/i);
  });
});

describe('atomic-skills mcp --http: consent to run commands through elicitation', () => {
  const token = 'test-token-elicitation-0123';
  
  it('accepted: the question shows the exact command line, the command runs, the repository is byte-identical', async () => {
    const repo = createFixtureRepo('localize-js');
    const model = await startReproduceServer();
    const served = await serve(['--repo', repo.dir, '--base-url', model.url], { ATOMIC_SKILLS_MCP_TOKEN: token });
    const questions: string[] = [];
    const client = await connect(served.url, token, {
      capabilities: { elicitation: {} },
      setup: (c) =>
        c.setRequestHandler(ElicitRequestSchema, async (req) => {
          questions.push(req.params.message);
          return { action: 'accept', content: {} };
        }),
    });
    const before = snapshotFiles(repo.dir);
    const r = (await client.callTool({ name: 'reproduce_issue', arguments: { issue } })) as CallToolResult;
    assert.equal(r.isError, undefined, text(r));
    assert.equal((r.structuredContent as { result: { reproduced: boolean } }).result.reproduced, true);
    assert.match(text(r), /AssertionError/, 'the script ran and failed as the issue says');
    assert.equal(judged(model), 1, 'the run\'s output was judged');
    assert.equal(questions.length, 1);
    assert.match(questions[0], /Run the reproduction script\?\n\nnode repro\.js\n\nin /);
    assert.deepEqual(snapshotFiles(repo.dir), before);
    await client.close();
  });

  it('declined: nothing runs, nothing is judged, the repository is byte-identical', async () => {
    const repo = createFixtureRepo('localize-js');
    const model = await startReproduceServer();
    const served = await serve(['--repo', repo.dir, '--base-url', model.url], { ATOMIC_SKILLS_MCP_TOKEN: token });
    let asked = 0;
    const client = await connect(served.url, token, {
      capabilities: { elicitation: {} },
      setup: (c) =>
        c.setRequestHandler(ElicitRequestSchema, async () => {
          asked++;
          return { action: 'decline' };
        }),
    });
    const before = snapshotFiles(repo.dir);
    const r = (await client.callTool({ name: 'reproduce_issue', arguments: { issue } })) as CallToolResult;
    assert.equal(r.isError, true);
    assert.match(text(r), /Not run: you declined node repro\.js/);
    assert.equal(asked, 1);
    assert.equal(judged(model), 0, 'the script never ran, so nothing was judged');
    assert.deepEqual(snapshotFiles(repo.dir), before);
    await client.close();
  });
});
