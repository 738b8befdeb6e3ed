// Preference data in a real extension host: results of the review tool and command are recorded
// in the store with their check label, votes and finding actions add labels, and nothing is
// written while recording is off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import type { FeedbackRecord } from '../../../src/core/feedback/feedbackTypes';
import { startScriptedModelServer, type ScriptedModelServer } from '../../support/scriptedModelServer';

const reply = (suggestion: string) =>
  `<review>The change breaks subtraction.</review>\n<findings>[{"file":"src/math.js","line":8,"severity":"high","category":"bug","message":"subtract now adds","suggestion":${JSON.stringify(suggestion)}}]</findings>\n<judgment>NO</judgment>`;

interface ExtensionApi {
  reviewThreadObjects(): readonly vscode.CommentThread[];
  feedbackFolder(): string;
}

async function setLevel(level: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('atomicSkills.feedback').update('level', level, vscode.ConfigurationTarget.Global);
}

async function records(api: ExtensionApi): Promise<FeedbackRecord[]> {
  return (await new FeedbackStore(api.feedbackFolder()).readRecords()).records;
}

async function runReviewCommand(): Promise<void> {
  const running = vscode.commands.executeCommand('atomicSkills.reviewChanges');
  await new Promise((r) => setTimeout(r, 500));
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  await running;
}

suite('Preference data in a real extension host', () => {
  let server: ScriptedModelServer;
  let api: ExtensionApi;

  suiteSetup(async () => {
    // The suggestion keeps the file changed, so later tests still have a change to review.
    server = await startScriptedModelServer({ replies: [{ when: { systemIncludes: 'code reviewer' }, content: reply('  return b + a;'), times: Infinity }] });
    const config = vscode.workspace.getConfiguration('atomicSkills.model');
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('name', 'scripted-model', vscode.ConfigurationTarget.Global);
    api = await vscode.extensions.getExtension<ExtensionApi>('atomic-skills.atomic-skills')!.activate();
  });

  suiteTeardown(async () => {
    await setLevel(undefined);
    await server?.close();
  });

  test('nothing is recorded until the user chooses a level', async () => {
    await setLevel(undefined);
    const before = (await records(api)).length;
    await vscode.lm.invokeTool('atomicSkills_reviewChanges', { input: {}, toolInvocationToken: undefined });
    assert.equal((await records(api)).length, before);
  });

  test('a tool result is recorded with its messages, completion, file hash and check label', async () => {
    await setLevel('all');
    const before = (await records(api)).length;
    await vscode.lm.invokeTool('atomicSkills_reviewChanges', { input: {}, toolInvocationToken: undefined });
    const all = await records(api);
    assert.equal(all.length, before + 1);
    const record = all.at(-1)!;
    assert.equal(record.skill, 'review');
    assert.equal(record.surface, 'tool');
    assert.equal(record.model.model, 'scripted-model');
    assert.match(JSON.stringify(record.messages), /return a \+ b;/);
    assert.match(record.completion!.text, /<judgment>NO<\/judgment>/);
    assert.deepEqual(record.files?.map((f) => f.path), ['src/math.js']);
    assert.equal(record.files?.[0].sha256.length, 64);
    assert.deepEqual(
      record.labels.map((l) => [l.kind, l.kind === 'check' && l.passed]),
      [['check', true]],
    );
  });

  test('a vote from an answer button becomes a label of that record', async () => {
    const record = (await records(api)).at(-1)!;
    await vscode.commands.executeCommand('atomicSkills.labelResult', record.id, { kind: 'vote', value: 'helpful' });
    const again = (await records(api)).find((r) => r.id === record.id)!;
    assert.ok(again.labels.some((l) => l.kind === 'vote' && l.value === 'helpful'));
  });

  test('applying a finding\'s suggestion labels it accepted and edits the file; dismissing labels rejected', async () => {
    await runReviewCommand();
    const [thread] = api.reviewThreadObjects();
    const doc = await vscode.workspace.openTextDocument(thread.uri);
    const original = doc.getText();
    await vscode.commands.executeCommand('atomicSkills.applyFindingSuggestion', thread);
    assert.equal(doc.lineAt(7).text, '  return b + a;');
    const applied = (await records(api)).filter((r) => r.surface === 'command').at(-1)!;
    assert.ok(applied.labels.some((l) => l.kind === 'accepted' && l.target === 'src/math.js:8'));
    const restore = new vscode.WorkspaceEdit();
    restore.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
    await vscode.workspace.applyEdit(restore);
    await doc.save();

    await runReviewCommand();
    const [second] = api.reviewThreadObjects();
    await vscode.commands.executeCommand('atomicSkills.dismissFinding', second);
    assert.equal(api.reviewThreadObjects().length, 0);
    const dismissed = (await records(api)).filter((r) => r.surface === 'command').at(-1)!;
    assert.notEqual(dismissed.id, applied.id);
    assert.ok(dismissed.labels.some((l) => l.kind === 'rejected' && l.target === 'src/math.js:8'));
  });
});
