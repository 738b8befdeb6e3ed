import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChangeSet } from '../../../src/core/diff/changeSet';
import { newFilePatch } from '../../../src/core/diff/newFilePatch';
import type { ChatMessage } from '../../../src/core/model/types';
import { buildReviewMessages, buildReviewRepairMessage, renderNumberedDiff, reviewFormat } from '../../../src/core/skills/review/reviewPrompt';
import { parseReviewReply } from '../../../src/core/skills/review/parseReview';
import { assertMatchesSnapshot } from '../helpers/snapshot';

// A fixed change: a modified file with a no-newline marker, an added, a deleted and a renamed file.
const diff = [
  'diff --git a/src/math.js b/src/math.js',
  'index 1111111..2222222 100644',
  '--- a/src/math.js',
  '+++ b/src/math.js',
  '@@ -9,7 +9,11 @@ function subtract(a, b) {',
  ' }',
  ' ',
  ' function multiply(a, b) {',
  '-  return a * b;',
  '+  return a * b + 1;',
  ' }',
  ' ',
  '-module.exports = { add, subtract, multiply };',
  '\\ No newline at end of file',
  '+function divide(a, b) {',
  '+  return a / b;',
  '+}',
  '+',
  '+module.exports = { add, subtract, multiply, divide };',
  'diff --git a/lib/old.js b/lib/old.js',
  'deleted file mode 100644',
  'index 3333333..0000000',
  '--- a/lib/old.js',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-exports.old = true;',
  '-',
  'diff --git a/lib/a.js b/lib/b.js',
  'similarity index 90%',
  'rename from lib/a.js',
  'rename to lib/b.js',
  'index 4444444..5555555 100644',
  '--- a/lib/a.js',
  '+++ b/lib/b.js',
  '@@ -1,3 +1,3 @@',
  ' // helper',
  '-exports.name = "a";',
  '+exports.name = "b";',
  ' exports.ok = true;',
  '',
].join('\n') + newFilePatch('docs/notes.md', '# Notes\n\nDivide was added.\n');
const files = parseChangeSet(diff);

function render(messages: ChatMessage[]): string {
  return messages.map((m) => `===== ${m.role} =====\n${m.content}\n`).join('\n');
}

describe('renderNumberedDiff', () => {
  it('numbers new-side lines, leaves removed lines unnumbered and marks the status (snapshot)', () => {
    assertMatchesSnapshot('review/numberedDiff.txt', files.map(renderNumberedDiff).join('\n\n') + '\n');
  });

  it('puts each new-side line number in front of the line it names', () => {
    const text = renderNumberedDiff(files[0]);
    assert.match(text, /^   12 \+  return a \* b \+ 1;$/m);
    assert.match(text, /^      -  return a \* b;$/m);
    assert.match(text, /^   19 \+module\.exports = \{ add, subtract, multiply, divide \};$/m);
    assert.match(text, /^      \\ No newline at end of file$/m);
    assert.ok(text.startsWith('File: src/math.js\n--- a/src/math.js\n+++ b/src/math.js\n@@ -9,7 +9,11 @@\n'), text);
  });

  it('names the old path of a renamed file', () => {
    const renamed = files.find((f) => f.status === 'renamed')!;
    assert.ok(renderNumberedDiff(renamed).startsWith('File: lib/b.js (renamed)\n--- a/lib/a.js\n+++ b/lib/b.js\n'));
  });
});

describe('buildReviewMessages', () => {
  it('builds the full prompt: intent, focus, files left out and tools (snapshot)', () => {
    const messages = buildReviewMessages({
      scopeDescription: 'changes main..working tree',
      files,
      omittedFiles: ['logo.png (binary)', 'package-lock.json (generated)'],
      intent: '  Add divide() and keep multiply unchanged.\n',
      focus: ' security ',
      toolsAvailable: true,
    });
    assertMatchesSnapshot('review/prompt-full.txt', render(messages));
  });

  it('builds the minimal prompt: no intent, focus, omissions or tools (snapshot)', () => {
    const messages = buildReviewMessages({ scopeDescription: 'uncommitted changes', files: files.slice(0, 1), omittedFiles: [], toolsAvailable: false });
    assertMatchesSnapshot('review/prompt-minimal.txt', render(messages));
  });

  it('is one system and one user message; optional parts appear only when given', () => {
    const full = buildReviewMessages({ scopeDescription: 'staged changes', files, omittedFiles: ['x.bin (binary)'], intent: 'Fix it', focus: 'tests', toolsAvailable: true });
    const bare = buildReviewMessages({ scopeDescription: 'staged changes', files, omittedFiles: [], intent: '   ', focus: '', toolsAvailable: false });
    assert.deepEqual(full.map((m) => m.role), ['system', 'user']);
    assert.deepEqual(bare.map((m) => m.role), ['system', 'user']);
    assert.match(full[1].content, /^Review the staged changes\./);
    assert.match(full[1].content, /<intent>\nFix it\n<\/intent>/);
    assert.match(full[1].content, /Focus of this review: tests\./);
    assert.match(full[1].content, /Not shown \(too large, binary or generated\): x\.bin \(binary\)\./);
    assert.match(full[0].content, /read files and search the workspace with your tools/);
    assert.doesNotMatch(bare[1].content, /<intent>|Focus of this review|Not shown/);
    assert.doesNotMatch(bare[0].content, /with your tools/);
    for (const f of files) assert.ok(full[1].content.includes(`File: ${f.path}`), f.path);
  });

  it('demands the format that parseReviewReply reads', () => {
    const [system] = buildReviewMessages({ scopeDescription: 'staged changes', files, omittedFiles: [], toolsAvailable: false });
    assert.ok(system.content.includes(reviewFormat));
    assert.match(reviewFormat, /critical\|high\|medium\|low\|info/);
    assert.match(reviewFormat, /bug\|security\|tests\|performance\|style/);
    // A reply that follows the example literally (with a real judgment) parses.
    const example = reviewFormat.split('\n').slice(1).join('\n').replace('YES or NO', 'NO').replace('critical|high|medium|low|info', 'high');
    const parsed = parseReviewReply(example);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    assert.equal(parsed.value.findings[0].line, 12);
    assert.equal(parsed.value.findings[0].severity, 'high');
  });
});

describe('buildReviewRepairMessage', () => {
  it('names the problem and repeats the format (snapshot)', () => {
    const message = buildReviewRepairMessage('there is no <judgment>YES</judgment> or <judgment>NO</judgment>.');
    assert.equal(message.role, 'user');
    assertMatchesSnapshot('review/repair.txt', message.content + '\n');
  });
});
