// Runs inside a real VS Code extension host, against the packaged extension and a scripted
// model server started here. The workspace is a git repository with src/math.js modified
// (subtract now adds, line 8), made by the launcher.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startScriptedModelServer, type ScriptedModelServer } from '../../support/scriptedModelServer';

const reviewReply =
  '<review>The change breaks subtraction.</review>\n<findings>[{"file":"src/math.js","line":8,"severity":"high","category":"bug","message":"subtract now adds"}]</findings>\n<judgment>NO</judgment>';

interface ExtensionApi {
  reviewThreads(): ReadonlyArray<{ uri: string; line: number; body: string }>;
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

suite('Atomic Skills in a real extension host', () => {
  let server: ScriptedModelServer;
  let api: ExtensionApi;

  suiteSetup(async () => {
    server = await startScriptedModelServer({ replies: [{ when: { systemIncludes: 'code reviewer' }, content: reviewReply, times: Infinity }] });
    const config = vscode.workspace.getConfiguration('atomicSkills.model');
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('name', 'scripted-model', vscode.ConfigurationTarget.Global);
    await config.update('backend', 'openai', vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<ExtensionApi>('atomic-skills.atomic-skills');
    assert.ok(extension, 'the extension is installed');
    api = await extension.activate();
  });

  suiteTeardown(async () => {
    await server?.close();
  });

  test('every skill command and tool is registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['atomicSkills.reviewChanges', 'atomicSkills.setApiKey', 'atomicSkills.configureModel', 'atomicSkills.showLog']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
    assert.ok(vscode.lm.tools.some((t) => t.name === 'atomicSkills_reviewChanges'), 'the review tool is registered');
  });

  test('the review tool returns the typed result to a calling agent', async () => {
    const result = await vscode.lm.invokeTool('atomicSkills_reviewChanges', { input: { scope: 'uncommitted' }, toolInvocationToken: undefined });
    const parts = result.content.filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart);
    const json = JSON.parse(parts[0].value);
    assert.equal(json.judgment, 'NO');
    assert.deepEqual(
      json.findings.map((f: { file: string; line: number }) => [f.file, f.line]),
      [["src/math.js", 8]],
    );
    assert.match(parts[1].value, /Verdict: NO/);
    const sent = JSON.stringify(server.chatRequests().at(-1)?.body);
    assert.match(sent, /return a \+ b;/, 'the diff reached the model');
  });

  test('the endpoint models are offered to VS Code chat', async () => {
    const models = await waitFor('our model in vscode.lm', async () => {
      // Before the endpoint is set, the provider offers its "no model connected" entry instead.
      const found = (await vscode.lm.selectChatModels({ vendor: 'atomic-skills' })).filter((m) => m.id !== 'atomic-skills-setup');
      return found.length ? found : undefined;
    });
    assert.deepEqual(models.map((m) => m.id), ['scripted-model']);
    const before = server.chatRequests().length;
    server.enqueue({ when: { lastUserIncludes: 'ping' }, content: 'pong from the endpoint' });
    const response = await models[0].sendRequest([vscode.LanguageModelChatMessage.User('ping')], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.equal(text, 'pong from the endpoint');
    assert.equal(server.chatRequests().length, before + 1);
  });

  test('the review command shows findings as comment threads on the changed line', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.ok(fs.existsSync(path.join(root, 'src', 'math.js')));
    // The command asks for the scope with a quick pick; accept the first item.
    const running = vscode.commands.executeCommand('atomicSkills.reviewChanges');
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await running;
    const threads = await waitFor('review threads', () => (api.reviewThreads().length ? api.reviewThreads() : undefined));
    assert.equal(threads.length, 1);
    assert.equal(threads[0].line, 8);
    assert.ok(threads[0].uri.endsWith('/src/math.js'));
    assert.match(threads[0].body, /subtract now adds/);
  });
});
