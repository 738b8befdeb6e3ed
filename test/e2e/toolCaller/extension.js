// Test-only: reads .atomic-test/tool-request.json ({name, input}) from the workspace root, calls
// vscode.lm.invokeTool like another agent would, and writes .atomic-test/tool-result.json.
'use strict';
const vscode = require('vscode');

async function invoke() {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder');
  const dir = vscode.Uri.joinPath(root, '.atomic-test');
  const resultUri = vscode.Uri.joinPath(dir, 'tool-result.json');
  let result;
  try {
    const request = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'tool-request.json'))));
    const cts = new vscode.CancellationTokenSource();
    const res = await vscode.lm.invokeTool(request.name, { input: request.input, toolInvocationToken: undefined }, cts.token);
    const parts = res.content.filter((p) => p instanceof vscode.LanguageModelTextPart).map((p) => p.value);
    result = { ok: true, parts };
  } catch (err) {
    result = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  await vscode.workspace.fs.writeFile(resultUri, new TextEncoder().encode(JSON.stringify(result, null, 2)));
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('atomicSkillsTest.invokeTool', invoke));
};
exports.deactivate = () => undefined;
