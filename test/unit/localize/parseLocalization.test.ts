import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLocalizationReply, type LocalizationParseOutcome, type RawLocalization } from '../../../src/core/skills/localize/parseLocalization';

function parsed(text: string): RawLocalization {
  const outcome = parseLocalizationReply(text);
  assert.ok(outcome.ok, outcome.ok ? '' : `expected a parse, got: ${outcome.problem}`);
  return outcome.value;
}

function problem(text: string): string {
  const outcome: LocalizationParseOutcome = parseLocalizationReply(text);
  assert.ok(!outcome.ok, `expected a problem, got: ${JSON.stringify(outcome)}`);
  return outcome.problem;
}

const answer = {
  files: [
    { path: 'billing/invoice.py', reason: 'apply_discount returns the discount, not the total', symbols: ['Invoice.apply_discount'] },
    { path: 'tests/test_invoice.py', reason: 'the test of the discount', symbols: ['test_apply_discount'] },
  ],
  committed: ['billing/invoice.py'],
};
const expected: RawLocalization = {
  files: [
    { path: 'billing/invoice.py', reason: 'apply_discount returns the discount, not the total', symbols: [{ name: 'Invoice.apply_discount' }] },
    { path: 'tests/test_invoice.py', reason: 'the test of the discount', symbols: [{ name: 'test_apply_discount' }] },
  ],
  committed: ['billing/invoice.py'],
};

describe('parseLocalizationReply: the format', () => {
  it('reads files (path, reason, symbols) and committed from the tag', () => {
    assert.deepEqual(parsed(`<localization>\n${JSON.stringify(answer)}\n</localization>`), expected);
  });

  it('ignores prose before and after the tag, even prose with braces', () => {
    const text = `I searched for {discount} first.\n\n<localization>${JSON.stringify(answer, null, 2)}</localization>\n\nLet me know if {anything} else is needed.`;
    assert.deepEqual(parsed(text), expected);
  });

  it('accepts the tag in any case', () => {
    assert.deepEqual(parsed(`<LOCALIZATION>${JSON.stringify(answer)}</Localization>`), expected);
  });

  it('keeps braces inside JSON strings', () => {
    const value = parsed('<localization>{"files": [{"path": "a.py", "reason": "formats {name} wrong", "symbols": []}]}</localization>');
    assert.equal(value.files[0].reason, 'formats {name} wrong');
  });

  it('reads only the first tag when the reply has two', () => {
    const value = parsed('<localization>{"files": ["first.py"]}</localization>\n<localization>{"files": ["second.py"]}</localization>');
    assert.deepEqual(value.files.map((f) => f.path), ['first.py']);
  });

  it('trims paths, reasons, symbol names and committed entries', () => {
    const value = parsed('<localization>{"files": [{"path": "  a.py \\n", "reason": "  why  ", "symbols": ["  f  "]}], "committed": ["  a.py  "]}</localization>');
    assert.deepEqual(value, { files: [{ path: 'a.py', reason: 'why', symbols: [{ name: 'f' }] }], committed: ['a.py'] });
  });
});

describe('parseLocalizationReply: malformed replies it still reads', () => {
  it('reads bare JSON when the tag is missing', () => {
    assert.deepEqual(parsed(`Here is my answer:\n${JSON.stringify(answer)}`), expected);
  });

  it('reads fenced JSON inside the tag', () => {
    assert.deepEqual(parsed(`<localization>\n\`\`\`json\n${JSON.stringify(answer, null, 2)}\n\`\`\`\n</localization>`), expected);
  });

  it('reads a fence without a language and without the tag', () => {
    assert.deepEqual(parsed(`Answer:\n\`\`\`\n${JSON.stringify(answer)}\n\`\`\`\nDone.`), expected);
  });

  it('reads an unclosed tag up to the end of the reply', () => {
    assert.deepEqual(parsed(`Thinking done.\n<localization>\n${JSON.stringify(answer)}\n`), expected);
  });

  it('takes files given as plain strings, with an empty reason and no symbols', () => {
    assert.deepEqual(parsed('<localization>{"files": ["src/a.ts", "src/b.ts"], "committed": ["src/b.ts"]}</localization>'), {
      files: [
        { path: 'src/a.ts', reason: '', symbols: [] },
        { path: 'src/b.ts', reason: '', symbols: [] },
      ],
      committed: ['src/b.ts'],
    });
  });

  it('takes "file" for "path" and skips entries without a usable path', () => {
    const value = parsed('<localization>{"files": [{"file": "a.py", "reason": "x"}, {"reason": "no path"}, {"path": "   "}, 42, null, {"path": 7}, "b.py"]}</localization>');
    assert.deepEqual(value.files.map((f) => f.path), ['a.py', 'b.py']);
  });

  it('takes symbols as strings or as objects with a name and positive integer lines, dropping the rest', () => {
    const value = parsed(
      `<localization>${JSON.stringify({
        files: [
          {
            path: 'a.py',
            symbols: ['f', '', '   ', { name: 'C.m', startLine: 3, endLine: 9 }, { name: 'g', startLine: 0, endLine: -2 }, { name: 'h', startLine: 1.5, endLine: '4' }, { startLine: 1 }, 12, null],
          },
          { path: 'b.py', symbols: 'not a list' },
        ],
      })}</localization>`,
    );
    assert.deepEqual(value.files[0].symbols, [
      { name: 'f' },
      { name: 'C.m', startLine: 3, endLine: 9 },
      { name: 'g', startLine: undefined, endLine: undefined },
      { name: 'h', startLine: undefined, endLine: undefined },
    ]);
    assert.deepEqual(value.files[1].symbols, []);
  });

  it('commits to the first file when committed is empty, missing or holds no string', () => {
    const files = '[{"path": "first.py"}, {"path": "second.py"}]';
    assert.deepEqual(parsed(`<localization>{"files": ${files}, "committed": []}</localization>`).committed, ['first.py']);
    assert.deepEqual(parsed(`<localization>{"files": ${files}}</localization>`).committed, ['first.py']);
    assert.deepEqual(parsed(`<localization>{"files": ${files}, "committed": [1, null, "  "]}</localization>`).committed, ['first.py']);
  });

  it('keeps only the string entries of committed', () => {
    assert.deepEqual(parsed('<localization>{"files": ["a.py", "b.py"], "committed": [3, "b.py", {"path": "a.py"}]}</localization>').committed, ['b.py']);
  });
});

describe('parseLocalizationReply: replies it cannot read', () => {
  it('says there is no JSON when the reply is prose', () => {
    assert.match(problem('The bug is in billing/invoice.py, in apply_discount.'), /no JSON object inside <localization>/);
    assert.match(problem(''), /no JSON object/);
    assert.match(problem('<localization></localization>'), /no JSON object/);
  });

  it('says the JSON does not parse, with the parser\'s reason', () => {
    const text = problem('<localization>{"files": [{"path": "a.py",}]}</localization>');
    assert.match(text, /^the JSON inside <localization> does not parse \(.+\)\.$/);
  });

  it('rejects a JSON object cut off in the middle', () => {
    assert.match(problem('<localization>{"files": [{"path": "a.py"}'), /does not parse/);
  });

  it('demands that files is an array', () => {
    assert.equal(problem('<localization>{"files": "a.py"}</localization>'), '"files" must be a JSON array.');
    assert.equal(problem('<localization>{"files": {"path": "a.py"}}</localization>'), '"files" must be a JSON array.');
    assert.equal(problem('<localization>{"committed": ["a.py"]}</localization>'), '"files" must be a JSON array.');
  });

  it('rejects a files array that names no file', () => {
    assert.equal(problem('<localization>{"files": [], "committed": ["a.py"]}</localization>'), '"files" names no file.');
    assert.equal(problem('<localization>{"files": [{"reason": "somewhere"}, ""]}</localization>'), '"files" names no file.');
  });
});
