import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentSkillDeclaration } from '../../../src/core/agentSkills/agentSkillDeclaration';
import { agentSkillDeclarations, skillDeclaration } from '../../../src/core/agentSkills/agentSkillDeclarations';
import { agentSkillName, isValidAgentSkillName } from '../../../src/core/agentSkills/agentSkillName';
import { describeType, inputFieldsTable } from '../../../src/core/agentSkills/inputFields';
import { onFailWords } from '../../../src/core/agentSkills/onFailWords';
import { skillMarkdown } from '../../../src/core/agentSkills/skillMarkdown';
import { workflowGuidance } from '../../../src/core/agentSkills/workflowGuidance';
import { reviewSkill } from '../../../src/core/skills/review/reviewSkill';
import { splitFrontMatter } from './frontMatter';

const declaration: AgentSkillDeclaration = {
  kind: 'skill',
  id: 'frob',
  title: 'Frob Widgets',
  toolName: 'atomicSkills_frobWidgets',
  toolReferenceName: 'frobWidgets',
  modelDescription: 'Frob the widgets: "quoted", with a colon: and # a hash. Use it when widgets need frobbing.',
  inputSchema: {
    type: 'object',
    properties: {
      target: { type: 'string', description: 'The widget | its pipe.' },
      mode: { type: 'string', enum: ['fast', 'slow'], description: 'How.' },
      count: { type: 'integer', minimum: 1, maximum: 9 },
      where: { type: 'object', properties: { path: { type: 'string' }, line: { type: 'integer', minimum: 1 } }, required: ['path'] },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['target'],
  },
  cliCommand: 'frob',
  runsCommands: true,
  guidance: { readCheck: '`frobbed` is true when frobbed.', onCheckFailed: 'Frob harder.' },
};

describe('agentSkillName', () => {
  it('is atomic- and the MCP tool name with hyphens', () => {
    assert.equal(agentSkillName('reviewChanges'), 'atomic-review-changes');
    assert.equal(agentSkillName('addTests'), 'atomic-add-tests');
    assert.equal(agentSkillName('fixBug'), 'atomic-fix-bug');
  });

  it('the name rule refuses what the specification refuses', () => {
    for (const bad of ['Atomic-x', '-atomic', 'atomic-', 'atomic--x', 'atomic_x', '', 'a'.repeat(65)]) assert.equal(isValidAgentSkillName(bad), false, bad);
    for (const good of ['a', 'atomic-review-changes', 'x1-2y', 'a'.repeat(64)]) assert.equal(isValidAgentSkillName(good), true, good);
  });
});

describe('input fields from the JSON schema', () => {
  it('types in words: enums, arrays, nested objects with optional fields, ranges', () => {
    assert.equal(describeType({ type: 'string', enum: ['a', 'b'] }), 'string: `a`, `b`');
    assert.equal(describeType({ type: 'array', items: { type: 'string' } }), 'array of string');
    assert.equal(describeType({ type: 'integer', minimum: 1, maximum: 50 }), 'integer 1–50');
    assert.equal(describeType({ type: 'object', properties: { path: { type: 'string' }, n: { type: 'integer' } }, required: ['path'] }), 'object {path: string, n?: integer}');
  });

  it('one table row per field with required yes/no, pipes escaped', () => {
    const rows = inputFieldsTable(declaration.inputSchema).split('\n');
    assert.equal(rows.length, 2 + 5);
    assert.equal(rows[2], '| `target` | string | yes | The widget \\| its pipe. |');
    assert.equal(rows[3], '| `mode` | string: `fast`, `slow` | no | How. |');
    assert.equal(inputFieldsTable({ type: 'object' }), 'No input fields.');
  });
});

describe('skillMarkdown', () => {
  const text = skillMarkdown(declaration);
  const { header, body } = splitFrontMatter(text);

  it('front matter: the folder name and the description, intact through YAML (quotes, colons, #)', () => {
    assert.equal(header.name, 'atomic-frob-widgets');
    assert.equal(header.description, `${declaration.modelDescription} (Atomic Skills skill: Frob Widgets.)`);
  });

  it('names every way to call it: the LM tool and its #reference, the MCP tool of the atomic-skills server, the CLI', () => {
    assert.match(body, /`atomicSkills_frobWidgets`/);
    assert.match(body, /`#frobWidgets`/);
    assert.match(body, /the tool `frob_widgets` of the `atomic-skills` server \(`npx atomic-skills mcp --repo \.`\)/);
    assert.match(body, /`npx atomic-skills frob --repo \. --json`/);
  });

  it('says how to read the check, what to do when it fails, and that commands need consent', () => {
    assert.match(body, /## Reading the check\n\n`frobbed` is true when frobbed\.\n/);
    assert.match(body, /## When the check fails\n\nFrob harder\.\n/);
    assert.match(body, /run only with their consent/);
    assert.doesNotMatch(skillMarkdown({ ...declaration, runsCommands: false }), /run only with their consent/);
  });

  it('refuses a description over 1024 characters or with tags, and an invalid name', () => {
    assert.throws(() => skillMarkdown({ ...declaration, modelDescription: 'x'.repeat(1000) }), /limit is 1024/);
    assert.throws(() => skillMarkdown({ ...declaration, modelDescription: 'Use <b>it</b>.' }), /tags/);
    assert.throws(() => skillMarkdown({ ...declaration, toolReferenceName: 'Frob__x' }), /not a valid Agent Skills name/);
  });
});

describe('workflows', () => {
  const fix = agentSkillDeclarations.find((d) => d.kind === 'workflow' && d.id === 'fix')!;

  it('onFail in words', () => {
    assert.equal(onFailWords({ action: 'retry', max: 2, from: 'edit', then: 'ask' }), 'retries up to 2 times from `edit` with the failure fed back, then asks the user whether to go on');
    assert.equal(onFailWords({ action: 'retry', max: 1 }), 'retries once with the failure fed back, then stops');
    assert.equal(onFailWords({ action: 'stop' }), 'stops');
  });

  it('a workflow SKILL.md lists its steps with their own tools and what happens on failure', () => {
    const body = skillMarkdown(fix);
    assert.match(body, /1\. `localize`: the `localize` skill \(its own tool: `#localizeCode` \/ `localize_code`\); when its check fails the workflow stops\./);
    assert.match(body, /4\. `verify`: the `verify` skill; when its check fails the workflow retries up to 2 times from `edit`/);
    assert.match(body, /`npx atomic-skills fix --repo \. --json`/);
  });

  it('the failure guidance is generated from the steps: each step skill\'s guidance once', () => {
    const guidance = workflowGuidance([
      { id: 'a', skill: 'edit', onFail: { action: 'stop' }, guidance: { readCheck: 'r', onCheckFailed: 'Fix the blocks.' } },
      { id: 'b', skill: 'edit', onFail: { action: 'stop' }, guidance: { readCheck: 'r', onCheckFailed: 'Fix the blocks.' } },
      { id: 'c', skill: 'verify', onFail: { action: 'stop' }, guidance: { readCheck: 'r', onCheckFailed: 'Read failures.' } },
    ]);
    assert.match(guidance.onCheckFailed, /failedStep/);
    assert.deepEqual(guidance.onCheckFailed.split('\n').filter((l) => l.startsWith('- ')), ['- `edit` failed: Fix the blocks.', '- `verify` failed: Read failures.']);
  });
});

describe('the registry\'s declarations', () => {
  it('one per skill and built-in workflow, every one with guidance and unique names', () => {
    const names = agentSkillDeclarations.map((d) => agentSkillName(d.toolReferenceName));
    assert.equal(new Set(names).size, names.length);
    for (const d of agentSkillDeclarations) {
      assert.ok(d.guidance.readCheck.length > 20 && d.guidance.onCheckFailed.length > 20, d.id);
      assert.match(d.modelDescription, /\bUse it\b/, `${d.id} says when to use it`);
    }
    for (const d of agentSkillDeclarations.filter((x) => x.kind === 'workflow')) assert.ok(d.steps?.every((s) => s.guidance), `${d.id}: every step skill declares agentGuidance`);
  });

  it('a skill without agentGuidance cannot become a SKILL.md', () => {
    assert.throws(() => skillDeclaration({ ...reviewSkill, agentGuidance: undefined }), /declares no agentGuidance/);
  });
});
