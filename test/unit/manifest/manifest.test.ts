import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { settingDeclarations } from '../../../src/core/config';
import { commandCategory, expectedContributions, extensionId, modelVendor, participantId, participantName, restrictedSettings } from '../../../src/core/manifest';
import { skills } from '../../../src/core/skills/registry';
import { skillsAndWorkflows, workflowSkills } from '../../../src/core/skills/skillsAndWorkflows';
import { builtinWorkflows } from '../../../src/core/workflows/builtinWorkflows';
import { repoRoot } from '../helpers/paths';
import { sourceFiles } from '../helpers/sourceFiles';

// Read from disk (not imported) so the test sees the file as VS Code does.
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const expected = expectedContributions();
/** JSON round trip: what package.json could hold (drops undefined, readonly markers). */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('package.json contributes what the registry and settings declare', () => {
  it('contributes.commands', () => {
    assert.deepStrictEqual(contributes.commands, plain(expected.commands));
  });

  it('contributes.languageModelTools', () => {
    assert.deepStrictEqual(contributes.languageModelTools, plain(expected.languageModelTools));
  });

  it('contributes.chatParticipants[0].commands', () => {
    assert.equal(contributes.chatParticipants.length, 1);
    assert.deepStrictEqual(contributes.chatParticipants[0].commands, plain(expected.chatCommands));
  });

  it('contributes.configuration.properties', () => {
    assert.deepStrictEqual(contributes.configuration.properties, plain(expected.configuration));
    assert.deepStrictEqual(Object.keys(contributes.configuration.properties), Object.keys(settingDeclarations), 'same order as declared');
  });

  it('model endpoint settings are restricted in untrusted workspaces', () => {
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, restrictedSettings);
    for (const key of restrictedSettings) assert.ok(key in settingDeclarations, key);
  });

  it('every skill and built-in workflow has its command, LM tool and @atomic slash command', () => {
    const ids = skillsAndWorkflows.map((s) => s.id);
    assert.deepEqual(ids, [...skills.map((s) => s.id), ...builtinWorkflows.map((w) => w.name)], 'the list is the skills, then the built-in workflows');
    for (const entry of skillsAndWorkflows) {
      const command = contributes.commands.find((c: { command: string }) => c.command === entry.commandId);
      assert.equal(command?.title, entry.title, `${entry.id}: command ${entry.commandId}`);
      const tool = contributes.languageModelTools.find((t: { name: string }) => t.name === entry.toolName);
      assert.ok(tool, `${entry.id}: tool ${entry.toolName}`);
      assert.equal(tool.toolReferenceName, entry.toolReferenceName, entry.id);
      assert.deepStrictEqual(tool.inputSchema, plain(entry.inputSchema), `${entry.id}: the tool takes the declared input`);
      const chat = contributes.chatParticipants[0].commands.find((c: { name: string }) => c.name === entry.chatCommand.name);
      assert.equal(chat?.description, entry.chatCommand.description, `${entry.id}: /${entry.chatCommand.name}`);
    }
  });

  it('a built-in workflow is declared once, in its JSON file: the declaration carries its surface unchanged', () => {
    for (const w of builtinWorkflows) {
      const declared = workflowSkills.find((s) => s.id === w.name)!;
      const { toolDisplayName, ...surface } = w.surface!;
      assert.deepStrictEqual(
        { commandId: declared.commandId, chatCommand: declared.chatCommand, toolName: declared.toolName, toolReferenceName: declared.toolReferenceName, userDescription: declared.userDescription, modelDescription: declared.modelDescription },
        surface,
      );
      assert.equal(declared.title, w.title);
      assert.equal(declared.toolDisplayName, toolDisplayName ?? w.title);
    }
  });

  it('every other generated section (e.g. menus)', () => {
    const checked = new Set(['commands', 'languageModelTools', 'chatCommands', 'configuration']);
    for (const [key, value] of Object.entries(expected)) {
      if (checked.has(key)) continue;
      assert.deepStrictEqual(contributes[key], plain(value), `contributes.${key}`);
    }
  });
});

describe('ids are consistent', () => {
  const commandIds: string[] = contributes.commands.map((c: { command: string }) => c.command);

  it('the extension id, participant and model vendor match package.json', () => {
    assert.equal(extensionId, `${pkg.publisher}.${pkg.name}`);
    assert.equal(contributes.chatParticipants[0].id, participantId);
    assert.equal(contributes.chatParticipants[0].name, participantName);
    assert.deepEqual(contributes.languageModelChatProviders.map((p: { vendor: string }) => p.vendor), [modelVendor]);
  });

  it('commands are atomicSkills.<verbNoun>, unique, in the Atomic Skills category', () => {
    for (const id of commandIds) assert.match(id, /^atomicSkills\.[a-z]+[A-Z][A-Za-z]*$/, id);
    assert.equal(new Set(commandIds).size, commandIds.length);
    for (const c of contributes.commands) assert.equal(c.category, commandCategory);
  });

  it('tools are atomicSkills_<verbNoun> with the same verbNoun as toolReferenceName and as the command', () => {
    for (const skill of skillsAndWorkflows) {
      assert.match(skill.toolName, /^atomicSkills_[a-z]+[A-Z][A-Za-z]*$/, skill.toolName);
      const verbNoun = skill.toolName.slice('atomicSkills_'.length);
      assert.equal(skill.toolReferenceName, verbNoun);
      assert.equal(skill.commandId, `atomicSkills.${verbNoun}`);
      assert.match(skill.modelDescription, /^[A-Z][a-z]+ /, 'model-facing descriptions start with a verb');
    }
    for (const skill of skills) assert.match(skill.modelDescription, /Use it /, `${skill.id}: and say when to use the tool`);
    const names = contributes.languageModelTools.map((t: { name: string }) => t.name);
    assert.equal(new Set(names).size, names.length);
  });

  it('skill ids and chat command names are unique', () => {
    const ids = skillsAndWorkflows.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    const chat = skillsAndWorkflows.map((s) => s.chatCommand.name);
    assert.equal(new Set(chat).size, chat.length);
  });

  it('activation events, if listed, name contributed ids only', () => {
    const toolNames = new Set(contributes.languageModelTools.map((t: { name: string }) => t.name));
    for (const event of (pkg.activationEvents ?? []) as string[]) {
      const [kind, id] = event.split(':');
      if (kind === 'onCommand') assert.ok(commandIds.includes(id), event);
      if (kind === 'onLanguageModelTool') assert.ok(toolNames.has(id), event);
      if (kind === 'onChatParticipant') assert.equal(id, participantId, event);
    }
  });

  it('menus name contributed commands only', () => {
    for (const [menu, items] of Object.entries((contributes.menus ?? {}) as Record<string, Array<{ command: string }>>)) {
      for (const item of items) assert.ok(commandIds.includes(item.command), `${menu}: ${item.command}`);
    }
  });

  const adapterSources = [...sourceFiles('src/vscode'), ...sourceFiles('src').filter((f) => f.rel === 'src/extension.ts')];
  const all = adapterSources.map((f) => f.text).join('\n');

  it('every contributed command is registered by the extension, and every registered one is contributed', () => {
    const literal = [...all.matchAll(/registerCommand\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => m[1]);
    assert.ok(/registerCommand\(\s*skill\.commandId/.test(all), 'skill and workflow commands are registered from the one list');
    const registered = new Set([...literal, ...skillsAndWorkflows.map((s) => s.commandId)]);
    assert.deepEqual([...registered].sort(), [...commandIds].sort());
  });

  it('commands the adapters run or link to are contributed', () => {
    const used = [
      ...all.matchAll(/executeCommand\(\s*['"`](atomicSkills[^'"`]*)['"`]/g),
      ...all.matchAll(/command:\s*['"`](atomicSkills[^'"`]*)['"`]/g),
      ...all.matchAll(/\.command\s*=\s*['"`](atomicSkills[^'"`]*)['"`]/g),
    ].map((m) => m[1]);
    assert.ok(used.length > 0);
    for (const id of used) assert.ok(commandIds.includes(id), id);
  });

  it('tools and the participant are registered from the registry and the manifest constants', () => {
    assert.match(all, /registerTool[^(]*\(\s*skill\.toolName/);
    assert.match(all, /createChatParticipant\(\s*participantId/);
    assert.match(all, /registerLanguageModelChatProvider\(\s*modelVendor/);
  });

  it('when-clauses of menus name the comment controller and thread context values the adapters set', () => {
    const controllers = new Set([...all.matchAll(/createCommentController\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => m[1]));
    const contextValues = new Set([...all.matchAll(/['"`](atomicSkills[A-Za-z]*(?:\.[A-Za-z]+)?)['"`]/g)].map((m) => m[1]));
    for (const items of Object.values((contributes.menus ?? {}) as Record<string, Array<{ when?: string }>>)) {
      for (const { when } of items) {
        for (const m of (when ?? '').matchAll(/commentController == ([\w.]+)/g)) assert.ok(controllers.has(m[1]), `${m[1]} in ${when}`);
        for (const m of (when ?? '').matchAll(/commentThread == ([\w.]+)/g)) assert.ok(contextValues.has(m[1]), `${m[1]} in ${when}`);
      }
    }
  });
});
