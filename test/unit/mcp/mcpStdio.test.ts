// `atomic-skills mcp` over stdio: the SDK's own client against dist/cli.js as a child process,
// the scripted model server behind it, real git repositories.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ElicitRequestSchema, ListRootsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { mcpToolName } from '../../../src/core/skills/mcpToolName';
import { skills } from '../../../src/core/skills/registry';
import { skillsAndWorkflows } from '../../../src/core/skills/skillsAndWorkflows';
import { cleanEnv, distCli, ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, snapshotFiles, startMcpChild } from '../helpers/mcpClient';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { judged, reproduceIssue as issue, startReproduceServer } from './reproduceReplies';
import { createFixtureRepo, edit } from '../helpers/tempRepo';
import { toolText as text } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  await closeServers();
  removeTempDirs();
});

const call = (r: unknown) => r as CallToolResult;
const srReply = (search: string, replace: string, file = 'src/math.js') => `Fixed.\n\n${file}\n\`\`\`js\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n\`\`\`\n`;
const fixSubtract = srReply('function subtract(a, b) {\n  return a + b;', 'function subtract(a, b) {\n  return a - b;');

describe('atomic-skills mcp (stdio)', () => {
  it('lists one tool per skill and workflow with the registry names, schemas and truthful annotations', async () => {
    const repo = createFixtureRepo('localize-js');
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', 'http://127.0.0.1:9/v1']);
    const { tools } = await client.listTools();
    const expected = [...skillsAndWorkflows.map((s) => mcpToolName(s.toolReferenceName)), 'apply_proposal'];
    assert.deepEqual(tools.map((t) => t.name), expected);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    for (const skill of skills) {
      const tool = byName[mcpToolName(skill.toolReferenceName)];
      assert.equal(tool.description, skill.modelDescription);
      assert.deepEqual(tool.inputSchema, skill.inputSchema);
      assert.deepEqual(tool.outputSchema?.required, ['result', 'check']);
    }
    assert.equal(byName.review_changes.annotations?.readOnlyHint, true);
    assert.equal(byName.localize_code.annotations?.readOnlyHint, true);
    assert.equal(byName.edit_code.annotations?.readOnlyHint, false);
    assert.equal(byName.edit_code.annotations?.destructiveHint, false);
    assert.equal(byName.reproduce_issue.annotations?.readOnlyHint, false);
    assert.equal(byName.fix_bug.annotations?.readOnlyHint, false);
    assert.equal(byName.apply_proposal.annotations?.destructiveHint, true);
    assert.ok(tools.every((t) => t.annotations?.openWorldHint === false));
    assert.ok(byName.edit_code.outputSchema?.properties?.proposal, 'tools that propose files declare the proposal');
    assert.equal(byName.review_changes.outputSchema?.properties?.proposal, undefined);
  });

  it('review: the typed result and its check as structuredContent, the summary as text, recorded with surface mcp', async () => {
    const repo = createFixtureRepo('localize-js');
    edit(repo, 'src/math.js', 'return a * b;', 'return a * b + 1;');
    const bug = { file: 'src/math.js', line: 14, severity: 'high', category: 'bug', message: 'multiply adds one.' };
    const server = await startServer({ replies: [{ content: reviewReply('NO', [bug]) }] });
    const store = makeTempDir('feedback');
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], { env: { ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store } });
    const r = call(await client.callTool({ name: 'review_changes', arguments: { intent: 'keep multiply' } }));
    assert.equal(r.isError, undefined, text(r));
    const content = r.structuredContent as { result: { judgment: string; findings: unknown[] }; check: { name: string; passed: boolean } };
    assert.equal(content.result.judgment, 'NO');
    assert.deepEqual(content.result.findings, [bug]);
    assert.equal(typeof content.check.passed, 'boolean');
    assert.match(text(r), /multiply adds one/);
    const { records } = await new FeedbackStore(store).readRecords();
    assert.deepEqual(records.map((x) => [x.skill, x.surface]), [['review', 'mcp']]);
  });

  it('localize: progress notifications arrive while it runs', async () => {
    const repo = createFixtureRepo('localize-js');
    const answer = '<localization>{"files":[{"path":"src/math.js","reason":"subtract adds","symbols":["subtract"]}],"committed":["src/math.js"]}</localization>';
    const server = await startServer({ replies: [{ when: { systemIncludes: 'You localize code' }, content: answer }] });
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url]);
    const progress: string[] = [];
    const r = call(await client.callTool({ name: 'localize_code', arguments: { task: 'subtract(5, 3) gives 8' } }, undefined, { onprogress: (p) => progress.push(p.message ?? '') }));
    assert.equal(r.isError, undefined, text(r));
    const content = r.structuredContent as { result: { committed: string[] }; check: { passed: boolean } };
    assert.deepEqual(content.result.committed, ['src/math.js']);
    assert.ok(progress.length > 0, 'at least one progress notification');
  });

  it('edit returns a proposal and writes nothing; apply_proposal writes exactly it, once; a stale one is refused', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startServer({ fallback: { content: fixSubtract, times: Infinity } });
    const store = makeTempDir('feedback');
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], { env: { ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store } });
    const before = snapshotFiles(repo.dir);
    const r = call(await client.callTool({ name: 'edit_code', arguments: { instruction: 'make subtract subtract', files: ['src/math.js'] } }));
    assert.equal(r.isError, undefined, text(r));
    const { proposal, check } = r.structuredContent as { proposal: { id: string; files: unknown[]; patch: string }; check: { passed: boolean } };
    assert.equal(check.passed, true);
    assert.deepEqual(proposal.files, [{ path: 'src/math.js', change: 'modify' }]);
    assert.match(proposal.patch, /^\+  return a - b;$/m);
    assert.match(text(r), new RegExp(`apply_proposal with \\{"id": "${proposal.id}"\\}`));
    assert.deepEqual(snapshotFiles(repo.dir), before, 'nothing written by the edit tool');

    const applied = call(await client.callTool({ name: 'apply_proposal', arguments: { id: proposal.id } }));
    assert.equal(applied.isError, undefined, text(applied));
    assert.deepEqual(applied.structuredContent, { id: proposal.id, written: ['src/math.js'] });
    assert.match(repo.read('src/math.js'), /function subtract\(a, b\) \{\n  return a - b;/);
    const changed = Object.keys(snapshotFiles(repo.dir)).filter((f) => snapshotFiles(repo.dir)[f] !== before[f]);
    assert.deepEqual(changed, ['src/math.js']);
    const again = call(await client.callTool({ name: 'apply_proposal', arguments: { id: proposal.id } }));
    assert.equal(again.isError, true);
    assert.match(text(again), /no proposal "proposal-1"/);
    const { records } = await new FeedbackStore(store).readRecords();
    assert.ok(records[0].labels.some((l) => l.kind === 'accepted'), 'the applied proposal is labelled accepted');

    // A second proposal, then the file changes on disk: applying it is refused and writes nothing.
    repo.commitAll('fixed');
    edit(repo, 'src/math.js', 'return a * b;', 'return a * b * 1;');
    const server2 = await startServer({ fallback: { content: srReply('  return a * b * 1;', '  return b * a;'), times: Infinity } });
    const second = await startMcpChild(['--repo', repo.dir, '--base-url', server2.url]);
    const p2 = call(await second.client.callTool({ name: 'edit_code', arguments: { instruction: 'swap', files: ['src/math.js'] } }));
    const id2 = (p2.structuredContent as { proposal: { id: string } }).proposal.id;
    edit(repo, 'src/math.js', 'return a * b * 1;', 'return a * b * 2;');
    const staleBytes = snapshotFiles(repo.dir);
    const stale = call(await second.client.callTool({ name: 'apply_proposal', arguments: { id: id2 } }));
    assert.equal(stale.isError, true);
    assert.match(text(stale), /src\/math\.js changed while proposal proposal-1 waited; nothing written\. Call edit_code again/);
    assert.deepEqual(snapshotFiles(repo.dir), staleBytes);
  });

  it('an applied proposal\'s text is measured again: survival labels from the file as it is later', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startServer({ fallback: { content: fixSubtract, times: Infinity } });
    const store = makeTempDir('feedback');
    const child = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], { env: { ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store, ATOMIC_SKILLS_SURVIVAL_SECONDS: '1' } });
    const r = call(await child.client.callTool({ name: 'edit_code', arguments: { instruction: 'make subtract subtract', files: ['src/math.js'] } }));
    const { proposal } = r.structuredContent as { proposal: { id: string } };
    call(await child.client.callTool({ name: 'apply_proposal', arguments: { id: proposal.id } }));
    // The user throws most of the file away before the checkpoint.
    const kept = repo.read('src/math.js').split('\n').slice(0, 3).join('\n');
    fs.writeFileSync(path.join(repo.dir, 'src/math.js'), kept);
    let survival: Array<{ afterSeconds: number; share: number }> = [];
    for (let i = 0; i < 50 && survival.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      survival = (await new FeedbackStore(store).readRecords()).records[0].labels.flatMap((l) => (l.kind === 'survival' ? [l] : []));
    }
    assert.equal(survival.length, 1, 'one measurement at the one checkpoint');
    assert.equal(survival[0].afterSeconds, 1);
    assert.ok(survival[0].share > 0 && survival[0].share < 0.5, `share ${survival[0].share}`);
  });

  // VS Code stops a stdio server by closing its input, then SIGTERM after 10 s; a shell sends SIGTERM or SIGINT.
  for (const end of ['input closed', 'SIGTERM'] as const) {
    it(`a proposal never applied is labelled notTaken when the session ends (${end}), not rejected`, async () => {
      const repo = createFixtureRepo('localize-js');
      const server = await startServer({ fallback: { content: fixSubtract, times: Infinity } });
      const store = makeTempDir('feedback');
      const child = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], { env: { ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store } });
      const r = call(await child.client.callTool({ name: 'edit_code', arguments: { instruction: 'make subtract subtract', files: ['src/math.js'] } }));
      assert.equal((r.structuredContent as { check: { passed: boolean } }).check.passed, true, text(r));
      const before = (await new FeedbackStore(store).readRecords()).records;
      assert.equal(before.length, 1);
      assert.deepEqual(before[0].labels.filter((l) => l.kind === 'notTaken'), [], 'no verdict while the session lasts');
      if (end === 'SIGTERM') process.kill(child.pid!, 'SIGTERM');
      else await child.close();
      let labels: string[] = [];
      for (let i = 0; i < 50 && !labels.includes('notTaken'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        labels = (await new FeedbackStore(store).readRecords()).records[0].labels.map((l) => l.kind);
      }
      assert.ok(labels.includes('notTaken'), `labels: ${labels.join(', ')}`);
      assert.ok(!labels.includes('rejected') && !labels.includes('accepted'));
    });
  }

  it('without --repo, the workspace is the client\'s first file root', async () => {
    const repo = createFixtureRepo('localize-js');
    edit(repo, 'src/math.js', 'return a * b;', 'return a * b + 1;');
    const server = await startServer({ replies: [{ content: reviewReply('YES') }] });
    const { client } = await startMcpChild(['--base-url', server.url], {
      capabilities: { roots: {} },
      setup: (c) => c.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: pathToFileURL(repo.dir).href, name: 'fixture' }] })),
    });
    const r = call(await client.callTool({ name: 'review_changes', arguments: {} }));
    assert.equal(r.isError, undefined, text(r));
    assert.match(JSON.stringify(server.chatRequests()[0].body), /return a \* b \+ 1/, 'the root\'s change was reviewed');
  });

  it('errors are tool results with the actionable text; an unknown tool is a protocol error', async () => {
    const plain = makeTempDir('plain');
    const { client } = await startMcpChild(['--repo', plain, '--base-url', 'http://127.0.0.1:9/v1']);
    const bad = call(await client.callTool({ name: 'edit_code', arguments: { files: ['a.js'] } }));
    assert.equal(bad.isError, true);
    assert.match(text(bad), /invalid input.*instruction/);
    const unreachable = call(await client.callTool({ name: 'review_changes', arguments: {} }));
    assert.equal(unreachable.isError, true);
    assert.match(text(unreachable), /review_changes failed: /);
    await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /Unknown tool: no_such_tool/);
    assert.ok((await client.listTools()).tools.length > 0, 'still serving');
  });
});

describe('atomic-skills mcp: consent to run commands', () => {

  it('elicitation accepted: the user sees the exact command line, it runs, the workspace is unchanged', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startReproduceServer();
    const questions: string[] = [];
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], {
      capabilities: { elicitation: {} },
      setup: (c) =>
        c.setRequestHandler(ElicitRequestSchema, async (req) => {
          questions.push(req.params.message);
          return { action: 'accept', content: {} };
        }),
    });
    const before = snapshotFiles(repo.dir);
    const r = call(await client.callTool({ name: 'reproduce_issue', arguments: { issue } }));
    assert.equal(r.isError, undefined, text(r));
    assert.equal((r.structuredContent as { result: { reproduced: boolean } }).result.reproduced, true);
    assert.match(text(r), /AssertionError/);
    assert.equal(questions.length, 1);
    assert.match(questions[0], /Run the reproduction script\?\n\nnode repro\.js\n\nin /);
    assert.deepEqual(snapshotFiles(repo.dir), before);
  });

  it('elicitation declined: nothing runs', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startReproduceServer();
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], {
      capabilities: { elicitation: {} },
      setup: (c) => c.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' })),
    });
    const r = call(await client.callTool({ name: 'reproduce_issue', arguments: { issue } }));
    assert.equal(r.isError, true);
    assert.match(text(r), /Not run: you declined node repro\.js/);
    assert.equal(judged(server), 0, 'the script never ran, so nothing was judged');
    assert.ok(!fs.existsSync(path.join(repo.dir, 'repro.js')));
  });

  it('an elicitation answer that is neither accept, decline nor cancel: nothing runs, and the error says so readably', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startReproduceServer();
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], {
      capabilities: { elicitation: {} },
      setup: (c) => c.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'maybe' }) as never),
    });
    const before = snapshotFiles(repo.dir);
    const r = call(await client.callTool({ name: 'reproduce_issue', arguments: { issue } }));
    assert.equal(r.isError, true);
    assert.match(text(r), /Not run: the client's answer to the question could not be read[^]*nothing was run/);
    assert.doesNotMatch(text(r), /MCP error -32602: MCP error/, 'no stacked SDK prefixes');
    assert.ok(text(r).length < 600, `short: ${text(r)}`);
    assert.equal(judged(server), 0);
    assert.deepEqual(snapshotFiles(repo.dir), before);
  });

  it('a client without elicitation is refused before the model is asked, even with --allow-project-tests for a model-written script', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startReproduceServer();
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url]);
    const r = call(await client.callTool({ name: 'reproduce_issue', arguments: { issue } }));
    assert.equal(r.isError, true);
    assert.match(text(r), /Refusing to .* without consent: this MCP client cannot ask you \(it did not declare the elicitation capability\)/);
    assert.equal(server.chatRequests().length, 0);

    const allowing = await startMcpChild(['--repo', repo.dir, '--base-url', server.url, '--allow-project-tests']);
    const still = call(await allowing.client.callTool({ name: 'reproduce_issue', arguments: { issue } }));
    assert.equal(still.isError, true);
    assert.match(text(still), /a model-written command never runs unasked/);
    assert.equal(judged(server), 0);
  });
});

describe('atomic-skills mcp: cancellation and malformed input', () => {
  it('a cancelled call aborts the run, leaves the repository byte-identical, and the server keeps serving', async () => {
    const repo = createFixtureRepo('localize-js');
    // A reply whose block never applies: left running, the edit would ask for two repairs (three requests).
    const server = await startServer({ fallback: { content: srReply('  return nothing;', '  return a - b;'), delayMs: 1500, times: Infinity } });
    const { client, stderr } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url]);
    const before = snapshotFiles(repo.dir);
    const controller = new AbortController();
    const pending = client.callTool({ name: 'edit_code', arguments: { instruction: 'make subtract subtract', files: ['src/math.js'] } }, undefined, { signal: controller.signal });
    while (server.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 50));
    controller.abort('user cancelled');
    await assert.rejects(pending);
    await new Promise((r) => setTimeout(r, 5000));
    assert.deepEqual(snapshotFiles(repo.dir), before, stderr());
    assert.equal(server.chatRequests().length, 1, 'no repair request after the cancel: the run was aborted');
    assert.ok((await client.listTools()).tools.length > 0);
  });

  it('a call cancelled while its command runs: the process is stopped and what it wrote is put back', async () => {
    const repo = createFixtureRepo('localize-js');
    const script = "require('node:fs').writeFileSync('src/math.js', 'broken');\nrequire('node:fs').writeFileSync('started.txt', 'x');\nsetTimeout(() => {}, 60000);\n";
    const server = await startServer({ replies: [{ when: { systemIncludes: 'You reproduce' }, content: `<reproduction path="repro_mcp_cancel.js" command="node repro_mcp_cancel.js">\n${script}</reproduction>`, times: Infinity }] });
    const running = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((l) => l.includes('repro_mcp_cancel.js'));
    let accepted = false;
    const { client, stderr } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], {
      capabilities: { elicitation: {} },
      setup: (c) =>
        c.setRequestHandler(ElicitRequestSchema, async () => {
          accepted = true;
          return { action: 'accept', content: {} };
        }),
    });
    const before = snapshotFiles(repo.dir);
    const controller = new AbortController();
    const pending = client.callTool({ name: 'reproduce_issue', arguments: { issue: 'subtract is wrong' } }, undefined, { signal: controller.signal, timeout: 120_000 });
    while (!accepted) await new Promise((r) => setTimeout(r, 50));
    for (let t = 0; t < 100 && !running(); t++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(running(), 'the accepted command is running');
    controller.abort('user cancelled');
    await assert.rejects(pending);
    let same = false;
    for (let t = 0; t < 100 && !same; t++) {
      await new Promise((r) => setTimeout(r, 100));
      same = JSON.stringify(snapshotFiles(repo.dir)) === JSON.stringify(before);
    }
    assert.deepEqual(snapshotFiles(repo.dir), before, stderr());
    assert.equal(running(), false, 'the process was stopped');
    assert.ok((await client.listTools()).tools.length > 0, 'still serving');
  });

  it('a call cancelled while its question is open: an accept that comes after the cancel runs nothing', async () => {
    const repo = createFixtureRepo('localize-js');
    const server = await startReproduceServer();
    let asked = false;
    let answer: () => void = () => undefined;
    const { client, stderr } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], {
      capabilities: { elicitation: {} },
      setup: (c) =>
        c.setRequestHandler(ElicitRequestSchema, async () => {
          asked = true;
          await new Promise<void>((resolve) => (answer = resolve));
          return { action: 'accept', content: {} };
        }),
    });
    const before = snapshotFiles(repo.dir);
    const controller = new AbortController();
    const pending = client.callTool({ name: 'reproduce_issue', arguments: { issue } }, undefined, { signal: controller.signal });
    while (!asked) await new Promise((r) => setTimeout(r, 50));
    controller.abort('user cancelled');
    await assert.rejects(pending);
    answer();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(judged(server), 0, 'the late accept ran nothing');
    assert.ok(!fs.existsSync(path.join(repo.dir, 'repro.js')));
    assert.deepEqual(snapshotFiles(repo.dir), before, stderr());
    assert.ok((await client.listTools()).tools.length > 0, 'still serving');
  });

  it('a malformed JSON-RPC line gets a protocol error (id null) and the next request is answered', async () => {
    const repo = createFixtureRepo('localize-js');
    const child = spawn(process.execPath, [distCli, 'mcp', '--repo', repo.dir], { env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }), stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: Array<Record<string, unknown>> = [];
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        lines.push(JSON.parse(buffer.slice(0, i)));
        buffer = buffer.slice(i + 1);
      }
    });
    const until = async (n: number) => {
      for (let t = 0; lines.length < n && t < 200; t++) await new Promise((r) => setTimeout(r, 50));
    };
    const send = (value: unknown) => child.stdin.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
    try {
      send('{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {');
      await until(1);
      assert.deepEqual(lines[0], { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the line is not JSON.' } });
      send({ jsonrpc: '2.0', id: 'x', method: 42 });
      await until(2);
      assert.equal((lines[1].error as { code: number }).code, -32600);
      send({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
      await until(3);
      assert.equal(lines[2].id, 2);
      assert.equal((lines[2].result as { serverInfo: { name: string } }).serverInfo.name, 'atomic-skills');
      assert.match((lines[2].result as { instructions: string }).instructions, /call apply_proposal with its id/);
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
      await until(4);
      assert.equal(lines[3].id, 3);
      assert.ok(((lines[3].result as { tools: unknown[] }).tools.length ?? 0) > 5);
      assert.equal(child.exitCode, null, 'still running');
    } finally {
      child.stdin.end();
      await new Promise((r) => child.once('close', r));
    }
    assert.equal(child.exitCode, 0, 'exits 0 when the client closes standard input');
  });
});
