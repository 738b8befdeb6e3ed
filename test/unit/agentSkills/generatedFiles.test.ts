// The committed SKILL.md files, the Atomic agent and package.json's chatSkills/chatAgents are what
// the registry generates (run `node esbuild.mjs --tests && node scripts/syncManifest.mjs` to
// refresh them), and every SKILL.md is valid by the Agent Skills specification.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { agentSkillDeclarations } from '../../../src/core/agentSkills/agentSkillDeclarations';
import { agentContributions, extensionAgentFiles, skillsFolder } from '../../../src/core/agentSkills/agentSkillFiles';
import { atomicAgentPath } from '../../../src/core/agentSkills/atomicAgent';
import { extensionId } from '../../../src/core/manifest';
import { repoRoot } from '../helpers/paths';
import { splitFrontMatter } from './frontMatter';

const refresh = 'stale: run `node esbuild.mjs --tests && node scripts/syncManifest.mjs`';
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const skillDirs = fs.readdirSync(path.join(repoRoot, skillsFolder));

describe('generated Agent Skills files are committed and current', () => {
  for (const file of extensionAgentFiles(agentSkillDeclarations)) {
    it(file.path, () => {
      const onDisk = path.join(repoRoot, file.path);
      assert.ok(fs.existsSync(onDisk), `${file.path} is missing; ${refresh}`);
      assert.equal(fs.readFileSync(onDisk, 'utf8'), file.text, `${file.path} is ${refresh}`);
    });
  }

  it('skills/ holds one folder per skill and workflow, and nothing else', () => {
    const expected = extensionAgentFiles(agentSkillDeclarations).filter((f) => f.path.startsWith(`${skillsFolder}/`)).map((f) => f.path.split('/')[1]);
    assert.equal(expected.length, agentSkillDeclarations.length);
    assert.deepEqual([...skillDirs].sort(), [...expected].sort());
  });

  it('package.json contributes chatSkills and chatAgents for exactly those files', () => {
    const expected = agentContributions(agentSkillDeclarations);
    assert.deepStrictEqual(pkg.contributes.chatSkills, expected.chatSkills, `contributes.chatSkills is ${refresh}`);
    assert.deepStrictEqual(pkg.contributes.chatAgents, expected.chatAgents, `contributes.chatAgents is ${refresh}`);
  });

  it('the VSIX includes skills/ and agents/ (.vscodeignore re-includes them)', () => {
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!skills/**'), '.vscodeignore must keep skills/');
    assert.ok(ignore.includes('!agents/**'), '.vscodeignore must keep agents/');
  });
});

// The specification's rules (agentskills.io): name 1–64 of a-z, 0-9 and single inner hyphens,
// equal to the folder; description 1–1024 characters; the optional fields it names, no others.
const specFields = new Set(['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools']);

describe('every committed SKILL.md is valid by the Agent Skills specification', () => {
  for (const dir of skillDirs) {
    it(`${skillsFolder}/${dir}/SKILL.md`, () => {
      const file = path.join(repoRoot, skillsFolder, dir, 'SKILL.md');
      assert.ok(fs.existsSync(file), `${dir} has no SKILL.md`);
      const { header, body } = splitFrontMatter(fs.readFileSync(file, 'utf8'));
      for (const key of Object.keys(header)) assert.ok(specFields.has(key), `unknown front matter field ${key}`);
      const { name, description } = header;
      assert.equal(typeof name, 'string');
      assert.equal(name, dir, 'name equals the folder name');
      assert.ok((name as string).length >= 1 && (name as string).length <= 64, 'name is 1–64 characters');
      assert.match(name as string, /^[a-z0-9-]+$/, 'name: lowercase letters, digits and hyphens');
      assert.ok(!(name as string).startsWith('-') && !(name as string).endsWith('-') && !(name as string).includes('--'), 'no leading, trailing or double hyphen');
      assert.equal(typeof description, 'string');
      assert.ok((description as string).trim().length > 0 && (description as string).length <= 1024, `description is 1–1024 characters (${(description as string).length})`);
      assert.match(description as string, /\bUse it\b/, 'the description says when to use it');
      assert.doesNotMatch(description as string, /<[^>]+>/, 'VS Code strips tags from descriptions');
      assert.ok(body.trim().length > 0, 'the body says how to use it');
    });
  }
});

describe('the Atomic agent file', () => {
  const { header, body } = splitFrontMatter(fs.readFileSync(path.join(repoRoot, atomicAgentPath), 'utf8'));
  const toolRefs = new Set<string>(pkg.contributes.languageModelTools.map((t: { toolReferenceName: string }) => `${extensionId}/${t.toolReferenceName}`));

  it('has a name, a description and tools, and its tools are ours (extension/toolReferenceName) or built-in read tools', () => {
    assert.equal(header.name, 'Atomic');
    assert.equal(typeof header.description, 'string');
    assert.ok(Array.isArray(header.tools));
    const tools = header.tools as string[];
    for (const tool of tools) assert.ok(toolRefs.has(tool) || tool === 'read' || tool === 'search', `unknown tool ${tool}`);
    for (const ours of toolRefs) assert.ok(tools.includes(ours), `the agent lacks ${ours}`);
  });

  it('its instructions follow localize → reproduce → edit → verify → review, with each step\'s check', () => {
    const stages = [...body.matchAll(/^### \d+\. (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(stages, ['localize', 'reproduce', 'edit', 'verify', 'review']);
    assert.equal([...body.matchAll(/^\*\*Check:\*\*/gm)].length, 5);
    assert.equal([...body.matchAll(/^\*\*When it fails:\*\*/gm)].length, 5);
  });
});
