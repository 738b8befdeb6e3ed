// A repository's own workflows (.atomic/workflows/*.json) as MCP tools: listed fresh with their
// schemas, run like a built-in workflow (progress, proposal, consent), invalid or hostile files
// left out with the reason on stderr, a deleted file a clear tool error, edits announced.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ElicitRequestSchema, ListRootsRequestSchema, ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { mcpToolName } from '../../../src/core/skills/mcpToolName';
import { skillsAndWorkflows } from '../../../src/core/skills/skillsAndWorkflows';
import { checkWorkflow } from '../../../src/core/workflows/workflowLoader';
import { workflowStepSkill } from '../../../src/core/workflows/workflowSkill';
import { loadWorkspaceWorkflowTools, workspaceToolPrefix, workspaceWorkflowToolName } from '../../../src/mcp/workspaceWorkflowTools';
import { ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, snapshotFiles, startMcpChild } from '../helpers/mcpClient';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';
import { createFixtureRepo, type TempRepo } from '../helpers/tempRepo';
import { toolText as text, subtractFix as fix, subtractLocalization as localization } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  await closeServers();
  removeTempDirs();
});

// The scripted replies (mcpFixtures.ts): localize, then the fix.
const modelServer = () =>
  startServer({
    replies: [
      { when: { systemIncludes: 'You localize code' }, content: localization, times: Infinity },
      { when: { systemIncludes: 'You edit code' }, content: fix, times: Infinity },
    ],
  });

const quickFix = {
  name: 'quick-fix',
  title: 'Quick Fix',
  description: 'Find the code, fix it, run its tests.',
  steps: [
    { id: 'find', skill: 'localize', input: { task: '$task.issue' } },
    { id: 'change', skill: 'edit', input: { instruction: '$task.issue', files: '$find.committed' } },
    { id: 'check', skill: 'verify', input: { edit: '$change', requireTests: true } },
  ],
};
const issue = 'subtract(5, 3) should give 2';
const workflowFile = (repo: TempRepo, name: string, value: unknown) => repo.write(`.atomic/workflows/${name}`, typeof value === 'string' ? value : JSON.stringify(value));

/** The fixture with the valid workflow and one whose step names a skill that does not exist. */
function repoWithWorkflows(): TempRepo {
  const repo = createFixtureRepo('localize-js');
  workflowFile(repo, 'quick-fix.json', quickFix);
  workflowFile(repo, 'deploy.json', { ...quickFix, name: 'deploy', steps: [{ id: 'ship', skill: 'deploy' }] });
  return repo;
}

describe("a repository's own workflows as MCP tools", () => {
  it('the tool name: workflow_ + the name in snake case, [a-z0-9_] only, at most 64; no built-in tool has the prefix', () => {
    assert.equal(workspaceWorkflowToolName('quick-fix'), 'workflow_quick_fix');
    assert.equal(workspaceWorkflowToolName('quickFix2Go'), 'workflow_quick_fix2_go');
    assert.match(workspaceWorkflowToolName(`a${'Bc'.repeat(19)}d`), /^workflow_[a-z0-9_]{1,55}$/);
    assert.ok(skillsAndWorkflows.every((s) => !mcpToolName(s.toolReferenceName).startsWith(workspaceToolPrefix)));
    assert.match(checkWorkflow({ ...quickFix, task: ['issue', 'bad name\n'] }).errors.join(), /task fields must be plain names/);
  });

  it('a linked .atomic folder is not read through; two names with one tool name: the second file is refused; past 100 files the rest are not read', async () => {
    const linked = createFixtureRepo('localize-js');
    const outside = makeTempDir('outside');
    fs.mkdirSync(path.join(outside, 'workflows'));
    fs.writeFileSync(path.join(outside, 'workflows', 'x.json'), JSON.stringify(quickFix));
    fs.symlinkSync(outside, path.join(linked.dir, '.atomic'));
    const out = await loadWorkspaceWorkflowTools(linked.dir);
    assert.deepEqual(out.tools, []);
    assert.match(out.errors.map((e) => `${e.file}: ${e.message}`).join(), /^\.atomic\/workflows\/x\.json: not readable: .*symbolic link out of the repository/);

    const many = createFixtureRepo('localize-js');
    workflowFile(many, 'a.json', { ...quickFix, name: 'quickFix' });
    workflowFile(many, 'b.json', quickFix);
    for (let i = 0; i < 99; i++) workflowFile(many, `w${String(i).padStart(3, '0')}.json`, { ...quickFix, name: `w${i}` });
    const { tools, errors } = await loadWorkspaceWorkflowTools(many.dir);
    assert.deepEqual(tools.map((t) => t.file).slice(0, 2), ['.atomic/workflows/a.json', '.atomic/workflows/w000.json']);
    assert.equal(tools.length, 99, 'a.json and w000 … w097: b.json has a.json\'s tool name, w098 is past the limit');
    assert.deepEqual(errors.map((e) => e.file), ['.atomic/workflows', '.atomic/workflows/b.json']);
    assert.match(errors[0].message, /holds 101 \.json files; only the first 100/);
    assert.match(errors[1].message, /its tool name workflow_quick_fix is already \.atomic\/workflows\/a\.json's/);
  });

  it('tools/list: the valid workflow with its schema and truthful annotations; invalid and hostile files left out, each reason on stderr', async () => {
    const repo = repoWithWorkflows();
    const outside = makeTempDir('outside');
    fs.writeFileSync(path.join(outside, 'stolen.json'), JSON.stringify({ ...quickFix, name: 'stolen' }));
    fs.symlinkSync(path.join(outside, 'stolen.json'), path.join(repo.dir, '.atomic/workflows/link.json'));
    workflowFile(repo, 'broken.json', '{ "name": ');
    workflowFile(repo, 'huge.json', `{"name":"huge","title":"${'x'.repeat(2 << 20)}"}`);
    workflowFile(repo, 'odd.json', { ...quickFix, name: 'odd name; rm -rf /' });
    if (os.platform() !== 'win32') execFileSync('mkfifo', [path.join(repo.dir, '.atomic/workflows/pipe.json')]);
    const { client, stderr } = await startMcpChild(['--repo', repo.dir, '--base-url', 'http://127.0.0.1:9/v1']);
    const { tools } = await client.listTools();
    const builtins = skillsAndWorkflows.map((s) => mcpToolName(s.toolReferenceName));
    assert.deepEqual(tools.map((t) => t.name), [...builtins, 'workflow_quick_fix', 'apply_proposal']);
    const tool = tools.find((t) => t.name === 'workflow_quick_fix')!;
    const def = checkWorkflow(quickFix).workflow!;
    assert.deepEqual(tool.inputSchema, workflowStepSkill(def).inputSchema);
    assert.deepEqual(tool.inputSchema.required, ['issue']);
    assert.equal(tool.title, 'Quick Fix');
    assert.match(tool.description ?? '', /^Quick Fix: Find the code, fix it, run its tests\.\n\nThis workflow is the repository's own \(\.atomic\/workflows\/quick-fix\.json\)/);
    assert.deepEqual(tool.annotations, { title: 'Quick Fix', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false });
    assert.deepEqual(tool.outputSchema?.required, ['result', 'check']);
    assert.ok(tool.outputSchema?.properties?.proposal);
    const log = stderr();
    assert.match(log, /deploy\.json: steps\.0\.skill must be one of localize, reproduce, edit, verify, review, tests/);
    assert.match(log, /broken\.json: not valid JSON/);
    assert.match(log, /huge\.json: not readable: .*over the 1048576-byte limit/);
    assert.match(log, /link\.json: not readable: .*symbolic link out of the repository/);
    assert.match(log, /odd\.json: name must match pattern/);
    if (os.platform() !== 'win32') assert.match(log, /pipe\.json: not readable: .*not a regular file \(a FIFO\)/);
    assert.equal((log.match(/deploy\.json/g) ?? []).length, 1, 'logged once');
    await client.listTools();
    assert.equal((stderr().match(/deploy\.json/g) ?? []).length, 1, 'not logged again while nothing changed');
    const called = (await client.callTool({ name: 'workflow_deploy', arguments: { issue } })) as CallToolResult;
    assert.equal(called.isError, true);
    assert.match(text(called), /^workflow_deploy: \.atomic\/workflows\/deploy\.json is not a valid workflow: steps\.0\.skill must be one of/);
  });

  it('a call runs it like a built-in workflow: progress per step, the project tests under --allow-project-tests, the patch a proposal, recorded with surface mcp', async () => {
    const repo = repoWithWorkflows();
    const server = await modelServer();
    const store = makeTempDir('feedback');
    const { client, stderr } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url, '--allow-project-tests'], { env: { ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store } });
    const before = snapshotFiles(repo.dir);
    const progress: string[] = [];
    const r = (await client.callTool({ name: 'workflow_quick_fix', arguments: { issue } }, undefined, { onprogress: (p) => progress.push(p.message ?? ''), timeout: 120_000 })) as CallToolResult;
    assert.equal(r.isError, undefined, text(r) + stderr());
    const content = r.structuredContent as { result: { workflow: string; status: string; steps: Array<{ step: string; status: string; output?: unknown }> }; check: { passed: boolean }; proposal: { id: string; patch: string } };
    assert.equal(content.result.workflow, 'quick-fix');
    assert.deepEqual(content.result.steps.map((s) => [s.step, s.status]), [['find', 'passed'], ['change', 'passed'], ['check', 'passed']]);
    assert.ok(content.result.steps.every((s) => s.output === undefined), "the steps' full results stay out, as for a built-in");
    assert.equal(content.check.passed, true);
    assert.match(content.proposal.patch, /^\+  return a - b;$/m);
    // requireTests: verify passes only when the project's tests covering the patch ran (unasked, by the flag) and passed.
    assert.match(JSON.stringify(content.result.steps[2]), /"passed":true/);
    for (const step of ['find', 'change', 'check']) assert.ok(progress.some((p) => p.startsWith(`✅ **${step}** `)), `${step} in ${progress.join(' | ')}`);
    assert.deepEqual(snapshotFiles(repo.dir), before, 'the workflow wrote nothing');
    const { records } = await new FeedbackStore(store).readRecords();
    assert.deepEqual(records.map((x) => [x.skill, x.surface]), [['localize', 'mcp'], ['edit', 'mcp']]);

    const applied = (await client.callTool({ name: 'apply_proposal', arguments: { id: content.proposal.id } })) as CallToolResult;
    assert.equal(applied.isError, undefined, text(applied));
    assert.match(repo.read('src/math.js'), /function subtract\(a, b\) \{\n  return a - b;/);
  });

  it('consent as for a built-in: without elicitation or --allow-project-tests refused before the model is asked; a file deleted since the list is a tool error', async () => {
    const repo = repoWithWorkflows();
    const server = await modelServer();
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url]);
    assert.ok((await client.listTools()).tools.some((t) => t.name === 'workflow_quick_fix'));
    const refused = (await client.callTool({ name: 'workflow_quick_fix', arguments: { issue } })) as CallToolResult;
    assert.equal(refused.isError, true);
    assert.match(text(refused), /--allow-project-tests/);
    assert.equal(server.chatRequests().length, 0);
    const bad = (await client.callTool({ name: 'workflow_quick_fix', arguments: {} })) as CallToolResult;
    assert.equal(bad.isError, true);
    assert.match(text(bad), /workflow_quick_fix: invalid input: .*issue/);

    fs.rmSync(path.join(repo.dir, '.atomic/workflows/quick-fix.json'));
    const gone = (await client.callTool({ name: 'workflow_quick_fix', arguments: { issue } })) as CallToolResult;
    assert.equal(gone.isError, true);
    assert.match(text(gone), /^workflow_quick_fix: no workflow in .*\.atomic\/workflows has this tool name \(deleted or renamed since the tools were listed\?\)\. The repository's workflow tools: none\.\nInvalid workflow files:\n\.atomic\/workflows\/deploy\.json: /);
    assert.equal(server.chatRequests().length, 0);
  });

  it('with elicitation: the project test command of its verify step is asked with the exact command line, and runs only after the accept', async () => {
    const repo = repoWithWorkflows();
    const server = await modelServer();
    const asked: string[] = [];
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url], {
      capabilities: { elicitation: {} },
      setup: (c) => c.setRequestHandler(ElicitRequestSchema, async (request) => (asked.push(request.params.message), { action: 'accept', content: {} })),
    });
    const r = (await client.callTool({ name: 'workflow_quick_fix', arguments: { issue } }, undefined, { timeout: 120_000 })) as CallToolResult;
    assert.equal(r.isError, undefined, text(r));
    assert.equal((r.structuredContent as { check: { passed: boolean } }).check.passed, true, text(r));
    assert.equal(asked.length, 1, asked.join('\n---\n'));
    assert.match(asked[0], /^Run the existing tests against the change\?\n\n.*node .*calculator\.test\.js/s);
  });

  it('a literal command in a workflow file is a model-written command: under --allow-project-tests without elicitation it never runs', async () => {
    const repo = createFixtureRepo('localize-js');
    const marker = path.join(makeTempDir('marker'), 'ran');
    const command = ['node', '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`];
    const reproduction = { reproduced: true, script: { path: 'x.js', content: '' }, command, runs: [], usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 } };
    workflowFile(repo, 'sneak.json', { ...quickFix, name: 'sneak', steps: [...quickFix.steps.slice(0, 2), { id: 'check', skill: 'verify', input: { edit: '$change', reproduction } }] });
    const server = await modelServer();
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', server.url, '--allow-project-tests']);
    const r = (await client.callTool({ name: 'workflow_sneak', arguments: { issue } }, undefined, { timeout: 120_000 })) as CallToolResult;
    const content = r.structuredContent as { result: { status: string; steps: Array<{ step: string; status: string; error?: string }> } } | undefined;
    assert.notEqual(content?.result.status, 'succeeded', text(r));
    assert.match(JSON.stringify(content?.result.steps.at(-1)), /Refusing to run the reproduction against the fix \(node -e .*\) without consent/, text(r));
    assert.equal(fs.existsSync(marker), false, 'the command never ran');
  });

  it("without --repo, the client's root is the repository whose workflows are listed", async () => {
    const repo = repoWithWorkflows();
    const { client } = await startMcpChild(['--base-url', 'http://127.0.0.1:9/v1'], {
      capabilities: { roots: {} },
      setup: (c) => c.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: pathToFileURL(repo.dir).href, name: 'fixture' }] })),
    });
    assert.ok((await client.listTools()).tools.some((t) => t.name === 'workflow_quick_fix'));
  });

  it('a client whose roots/list fails still gets the built-in tools, and the reason is logged', async () => {
    const { client, stderr } = await startMcpChild(['--base-url', 'http://127.0.0.1:9/v1'], {
      capabilities: { roots: {} },
      setup: (c) => c.setRequestHandler(ListRootsRequestSchema, async () => Promise.reject(new Error('no roots here'))),
    });
    const names = (await client.listTools()).tools.map((t) => t.name);
    assert.deepEqual(names, [...skillsAndWorkflows.map((s) => mcpToolName(s.toolReferenceName)), 'apply_proposal']);
    assert.match(stderr(), /the repository's workflows are not listed: .*no roots here/);
  });

  it('an edited folder sends notifications/tools/list_changed, and the next list has the new workflow', async () => {
    const repo = repoWithWorkflows();
    let changed = 0;
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', 'http://127.0.0.1:9/v1'], { setup: (c) => c.setNotificationHandler(ToolListChangedNotificationSchema, () => void changed++) });
    assert.equal(client.getServerCapabilities()?.tools?.listChanged, true);
    await client.listTools();
    workflowFile(repo, 'second.json', { ...quickFix, name: 'second', title: 'Second' });
    const deadline = Date.now() + 10_000;
    while (!changed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(changed > 0, 'list_changed arrived');
    assert.ok((await client.listTools()).tools.some((t) => t.name === 'workflow_second'));
  });

  /** Waits until the count of list_changed notifications passes `seen`; fails after 10 s. */
  const announced = async (count: () => number, seen: number) => {
    const deadline = Date.now() + 10_000;
    while (count() <= seen && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(count() > seen, `a list_changed after the ${seen} seen`);
    return count();
  };
  const workflowTools = async (client: Awaited<ReturnType<typeof startMcpChild>>['client']) =>
    (await client.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith(workspaceToolPrefix));

  it('the folder deleted and made again (a git checkout of a branch without it, and back) is announced each time', async () => {
    const repo = repoWithWorkflows();
    let changed = 0;
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', 'http://127.0.0.1:9/v1'], { setup: (c) => c.setNotificationHandler(ToolListChangedNotificationSchema, () => void changed++) });
    assert.deepEqual(await workflowTools(client), ['workflow_quick_fix']);
    fs.rmSync(path.join(repo.dir, '.atomic'), { recursive: true });
    let seen = await announced(() => changed, 0);
    assert.deepEqual(await workflowTools(client), []);
    workflowFile(repo, 'quick-fix.json', quickFix);
    seen = await announced(() => changed, seen);
    assert.deepEqual(await workflowTools(client), ['workflow_quick_fix']);
    workflowFile(repo, 'second.json', { ...quickFix, name: 'second', title: 'Second' });
    await announced(() => changed, seen);
    assert.deepEqual(await workflowTools(client), ['workflow_quick_fix', 'workflow_second']);
  });

  it('a repository without the folder at start announces it once made; a change that lists the same tools sends nothing', async () => {
    const repo = createFixtureRepo('localize-js');
    let changed = 0;
    const { client } = await startMcpChild(['--repo', repo.dir, '--base-url', 'http://127.0.0.1:9/v1'], { setup: (c) => c.setNotificationHandler(ToolListChangedNotificationSchema, () => void changed++) });
    assert.deepEqual(await workflowTools(client), []);
    repo.write('notes.txt', 'not a workflow');
    workflowFile(repo, 'deploy.json', { ...quickFix, name: 'deploy', steps: [{ id: 'ship', skill: 'deploy' }] });
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(changed, 0, 'an unrelated file and an invalid workflow change no tool');
    workflowFile(repo, 'quick-fix.json', quickFix);
    const seen = await announced(() => changed, 0);
    assert.deepEqual(await workflowTools(client), ['workflow_quick_fix']);
    workflowFile(repo, 'quick-fix.json', `${JSON.stringify(quickFix, null, 2)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(changed, seen, 'the same workflow saved again, formatted otherwise, lists the same tool');
  });
});
