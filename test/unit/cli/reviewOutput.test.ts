// Issue 12: review prints its verdict once, styled at a terminal, plain into a pipe, Markdown or JSON on request.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { outputFormat, renderReview } from '../../../src/cli/reviewOutput';
import { renderMarkdown, withoutControlCharacters } from '../../../src/cli/terminalMarkdown';
import type { ReviewResult } from '../../../src/core/skills/review/reviewTypes';
import { captureStdio } from '../helpers/captureStdio';
import { removeTempDirs } from '../helpers/paths';
import { reviewReply } from '../helpers/reviewContext';
import { closeServers, startServer } from '../helpers/servers';
import { changedReviewRepo } from '../helpers/tempRepo';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const ESC = '\u001b';
const bug = { file: 'src/math.js', line: 12, severity: 'high', category: 'bug', message: 'multiply adds `one`.' };

function result(over: Partial<ReviewResult> = {}): ReviewResult {
  return {
    judgment: 'NO',
    review: '## Summary\n\n**multiply** is *broken*: see `src/math.js`.\n\n```js\nreturn a * b + 1; // **not bold**\n```\n- one\n- two',
    findings: [bug],
    unanchoredFindings: [],
    files: ['src/math.js'],
    omittedFiles: [],
    ...over,
  } as unknown as ReviewResult;
}

describe('terminal Markdown', () => {
  it('plain: the markup is dropped, code blocks indented, lists and text kept', () => {
    const text = renderMarkdown('# Title\n\n**bold** and *it* and `co*de*` and [docs](https://x.y)\n\n```\n**raw**\n```\n> quoted\n* item\n---', 'plain');
    assert.equal(text, 'Title\n\nbold and it and co*de* and docs (https://x.y)\n\n    **raw**\n> quoted\n- item\n' + '-'.repeat(40));
  });

  it('ansi: bold, italics, code and headings as escape sequences; nothing inside code is styled', () => {
    const text = renderMarkdown('## Head\n**b** *i* `c` snake_case_name 2 * 3 * 4', 'ansi');
    assert.equal(text, `${ESC}[1mHead${ESC}[22m\n${ESC}[1mb${ESC}[22m ${ESC}[3mi${ESC}[23m ${ESC}[36mc${ESC}[39m snake_case_name 2 * 3 * 4`);
  });

  it('removes the model\'s own control characters (escape sequences, carriage returns, bells)', () => {
    const hostile = `fine${ESC}]0;owned\u0007 text\r\nnext${ESC}[2J line\u009b`;
    assert.equal(withoutControlCharacters(hostile), 'fine]0;owned text\nnext[2J line');
    assert.doesNotMatch(renderMarkdown(hostile, 'ansi'), /\u0007|\r|\u009b/);
    assert.equal(renderMarkdown(hostile, 'plain').includes(ESC), false);
  });
});

describe('review output', () => {
  it('chooses the format: --json, --markdown, a terminal (unless NO_COLOR or TERM=dumb), else plain', () => {
    assert.equal(outputFormat({ json: true }, true, {}), 'json');
    assert.equal(outputFormat({ markdown: true }, true, {}), 'markdown');
    assert.equal(outputFormat({}, true, {}), 'ansi');
    assert.equal(outputFormat({}, true, { NO_COLOR: '1' }), 'plain');
    assert.equal(outputFormat({}, true, { NO_COLOR: '' }), 'ansi', 'an empty NO_COLOR is unset');
    assert.equal(outputFormat({}, true, { TERM: 'dumb' }), 'plain');
    assert.equal(outputFormat({}, false, {}), 'plain');
    assert.throws(() => outputFormat({ json: true, markdown: true }, false, {}), /--json and --markdown cannot be combined/);
  });

  it('states the verdict once in every text format; colours it at a terminal', () => {
    for (const format of ['plain', 'ansi', 'markdown'] as const) {
      const text = renderReview(result(), format);
      assert.equal(text.match(/Verdict/g)?.length, 1, format);
      assert.doesNotMatch(text, /Atomic Skills review:/, format);
    }
    const plain = renderReview(result(), 'plain');
    assert.ok(plain.startsWith('Verdict: NO — 1 finding in 1 file\n\nSummary\n\nmultiply is broken: see src/math.js.'), plain);
    assert.match(plain, /^    return a \* b \+ 1; \/\/ \*\*not bold\*\*$/m);
    assert.match(plain, /^- src\/math\.js:12 \[high\/bug\] multiply adds one\.$/m);
    assert.equal(plain.includes(ESC), false);
    const styled = renderReview(result(), 'ansi');
    assert.ok(styled.startsWith(`${ESC}[1mVerdict: ${ESC}[31mNO${ESC}[39m${ESC}[22m — 1 finding`), JSON.stringify(styled.slice(0, 60)));
    assert.ok(renderReview(result({ judgment: 'YES', findings: [] }), 'ansi').includes(`${ESC}[32mYES${ESC}[39m`));
    const markdown = renderReview(result(), 'markdown');
    assert.ok(markdown.startsWith('**Verdict: NO** — 1 finding in 1 file\n\n## Summary'));
    assert.match(markdown, /^- `src\/math\.js:12` \[high\/bug\] multiply adds `one`\.$/m);
  });

  it('main: --markdown prints Markdown, and a terminal gets styled text unless NO_COLOR is set', async () => {
    const repo = changedReviewRepo();
    const server = await startServer({ fallback: { content: reviewReply('NO', [bug], '**multiply** is broken.'), times: Infinity } });
    const review = (extra: string[], env: NodeJS.ProcessEnv = {}) => captureStdio(() => main(['review', '--repo', repo.dir, '--base-url', server.url, ...extra], env, new AbortController().signal));
    const markdown = await review(['--markdown']);
    assert.equal(markdown.value, 0, markdown.stderr);
    assert.ok(markdown.stdout.startsWith('**Verdict: NO** — 1 finding in 1 file\n\n**multiply** is broken.'), markdown.stdout);
    const wasTTY = process.stdout.isTTY;
    process.stdout.isTTY = true;
    try {
      const styled = await review([]);
      assert.ok(styled.stdout.startsWith(`${ESC}[1mVerdict: ${ESC}[31mNO`), JSON.stringify(styled.stdout.slice(0, 40)));
      assert.ok(styled.stdout.includes(`${ESC}[1mmultiply${ESC}[22m is broken.`));
      const noColor = await review([], { NO_COLOR: '1' });
      assert.ok(noColor.stdout.startsWith('Verdict: NO — 1 finding in 1 file\n\nmultiply is broken.'), noColor.stdout);
    } finally {
      process.stdout.isTTY = wasTTY;
    }
    const both = await review(['--json', '--markdown']);
    assert.equal(both.value, 2);
    assert.match(both.stderr, /--json and --markdown cannot be combined/);
  });
});
