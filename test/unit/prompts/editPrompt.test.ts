import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../../src/core/model/types';
import { buildEditMessages, buildEditRepairMessage } from '../../../src/core/skills/edit/editPrompt';
import { assertMatchesSnapshot } from '../helpers/snapshot';

const render = (messages: ChatMessage[]) => messages.map((m) => `=== ${m.role}\n${m.content}`).join('\n') + '\n';

const math = "'use strict';\n\nfunction subtract(a, b) {\n  return a + b;\n}\n\nmodule.exports = { subtract };\n";

describe('edit prompt', () => {
  it('shows the instruction, the selection and the numbered target files, with tools (snapshot)', () => {
    const messages = buildEditMessages({
      instruction: '  make subtract subtract\n',
      targets: [
        { path: 'src/math.js', text: math },
        { path: 'src/new.js', text: undefined },
      ],
      selection: { path: 'src/math.js', startLine: 3, endLine: 5 },
      maxToolTurns: 8,
      maxFileCharacters: 60_000,
    });
    assertMatchesSnapshot('edit/prompt-full.txt', render(messages));
  });

  it('without targets or tools, asks for SEARCH/REPLACE blocks and says no file was named (snapshot)', () => {
    const messages = buildEditMessages({ instruction: 'rename foo to bar', targets: [], maxToolTurns: 0, maxFileCharacters: 60_000 });
    assertMatchesSnapshot('edit/prompt-minimal.txt', render(messages));
    assert.match(messages[0].content, /no tools this time/);
    assert.match(messages[1].content, /No target file was named/);
  });

  it('leaves file content over the budget to read_file instead of cutting a file silently', () => {
    const big = 'x'.repeat(200) + '\n';
    const messages = buildEditMessages({ instruction: 'change', targets: [{ path: 'a.txt', text: big.repeat(10) }], maxToolTurns: 8, maxFileCharacters: 500 });
    const user = messages[1].content;
    assert.ok(user.length < 2000, `the prompt stays near the budget (${user.length} characters)`);
    assert.match(user, /read_file/);
  });

  it('the repair message carries the failure report and the turn count', () => {
    const repair = buildEditRepairMessage('Block 1 for src/math.js: SEARCH text not found', 1, 2);
    assert.equal(repair.role, 'user');
    assert.match(repair.content, /SEARCH text not found/);
    assert.match(repair.content, /1 of 2|1\/2/);
  });
});
