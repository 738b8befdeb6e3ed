// Runs inside a real VS Code extension host: the editor starts our MCP server from the
// extension's provider (dist/cli.js mcp, run by the editor's Node) and its tools join the chat's tools.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

suite('the Atomic Skills MCP server from the provider', () => {
  test('VS Code starts it and its tools appear in vscode.lm.tools', async () => {
    const extension = vscode.extensions.getExtension('atomic-skills.atomic-skills');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
    // What a chat request does when it needs tools: start the servers and wait for their tool lists.
    await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true, autoTrustChanges: true });
    const tools = await waitFor('the MCP tools', () => {
      const names = vscode.lm.tools.map((t) => t.name).filter((n) => n.includes('review_changes') || n.includes('apply_proposal'));
      return names.length >= 2 ? names : undefined;
    });
    assert.ok(tools.some((n) => n.endsWith('review_changes')), tools.join(', '));
    const review = vscode.lm.tools.find((t) => t.name.endsWith('review_changes'));
    assert.match(review?.description ?? '', /^Review a code change/);
  });
});
