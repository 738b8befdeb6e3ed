import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { mcpToolName } from '../../../src/core/skills/mcpToolName';
import { skillsAndWorkflows } from '../../../src/core/skills/skillsAndWorkflows';

test('MCP tool names are snake case of the reference name', () => {
  assert.equal(mcpToolName('reviewChanges'), 'review_changes');
  assert.equal(mcpToolName('fixBug'), 'fix_bug');
  assert.equal(mcpToolName('addTests2Now'), 'add_tests2_now');
});

test('every skill and workflow has a distinct MCP tool name within the MCP name rules', () => {
  const names = skillsAndWorkflows.map((s) => mcpToolName(s.toolReferenceName));
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^[a-z][a-z0-9_]{0,63}$/);
});
