// The localization skill in a real extension host: the code index is built on first use, the
// LM tool returns the typed result, and the command fills the Localization tree view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LocalizationResult } from '../../../src/core/skills/localize/localizeTypes';
import { startScriptedModelServer, type ScriptedModelServer } from '../../support/scriptedModelServer';

const answer =
  '<localization>{"files":[{"path":"src/math.js","reason":"subtract is defined here","symbols":["subtract"]},{"path":"src/nowhere.js","reason":"invented"}],"committed":["src/math.js"]}</localization>';

interface ExtensionApi {
  localization(): LocalizationResult | undefined;
}

suite('Localization in a real extension host', () => {
  let server: ScriptedModelServer;
  let api: ExtensionApi;

  suiteSetup(async () => {
    server = await startScriptedModelServer({ replies: [{ when: { systemIncludes: 'You localize code' }, content: answer, times: Infinity }] });
    const config = vscode.workspace.getConfiguration('atomicSkills.model');
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('name', 'scripted-model', vscode.ConfigurationTarget.Global);
    api = await vscode.extensions.getExtension<ExtensionApi>('atomic-skills.atomic-skills')!.activate();
  });

  suiteTeardown(async () => {
    await server?.close();
  });

  test('the localize tool indexes the workspace and returns ranked files with resolved symbols', async () => {
    const result = await vscode.lm.invokeTool('atomicSkills_localizeCode', { input: { task: 'subtract(5, 3) returns 8 instead of 2' }, toolInvocationToken: undefined });
    const json = JSON.parse((result.content[0] as vscode.LanguageModelTextPart).value) as LocalizationResult;
    assert.deepEqual(json.committed, ['src/math.js']);
    assert.equal(json.files[0].path, 'src/math.js');
    assert.deepEqual(json.files[0].symbols.map((s) => [s.name, s.startLine, s.endLine]), [['subtract', 7, 9]]);
    assert.deepEqual(json.dropped.map((d) => d.path), ['src/nowhere.js']);
    const request = JSON.stringify(server.chatRequests().at(-1)?.body);
    assert.match(request, /src\/math\.js/, 'the retrieval candidates reached the model');
  });

  test('the command takes the selection as the task and shows the result in the Localization view', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'README.md'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, doc.lineCount, 0);
    await vscode.commands.executeCommand('atomicSkills.localizeCode');
    const shown = api.localization();
    assert.ok(shown, 'the view has a result');
    assert.deepEqual(shown.committed, ['src/math.js']);
    const sent = JSON.stringify(server.chatRequests().at(-1)?.body);
    assert.ok(sent.includes(JSON.stringify(doc.getText().trim()).slice(1, 30)), 'the selected text was the task');
  });
});
