import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReviewReply, type ParsedReview, type ReviewParseOutcome } from '../../../src/core/skills/review/parseReview';

function ok(outcome: ReviewParseOutcome): ParsedReview {
  if (!outcome.ok) assert.fail(`expected a parsed review, got the problem: ${outcome.problem}`);
  return outcome.value;
}

function problem(outcome: ReviewParseOutcome): string {
  if (outcome.ok) assert.fail(`expected a problem, got ${JSON.stringify(outcome.value)}`);
  return outcome.problem;
}

const reply = (findings: string, judgment = 'NO', review = 'multiply now adds one.') =>
  `<review>\n${review}\n</review>\n<findings>\n${findings}\n</findings>\n<judgment>${judgment}</judgment>`;

describe('parseReviewReply: the three parts', () => {
  it('reads review, findings and judgment of a well-formed reply', () => {
    const value = ok(
      parseReviewReply(
        reply('[{"file": "src/math.js", "line": 12, "endLine": 12, "severity": "high", "category": "bug", "message": "Adds one.", "suggestion": "  return a * b;"}]'),
      ),
    );
    assert.deepEqual(value, {
      review: 'multiply now adds one.',
      judgment: 'NO',
      findings: [{ file: 'src/math.js', line: 12, endLine: 12, severity: 'high', category: 'bug', message: 'Adds one.', suggestion: '  return a * b;' }],
      rejected: [],
    });
  });

  it('accepts the judgment in any case, padded, with a final full stop or exclamation mark', () => {
    for (const [raw, expected] of [
      ['yes', 'YES'],
      [' No ', 'NO'],
      ['YES.', 'YES'],
      ['\nno!\n', 'NO'],
    ] as const) {
      assert.equal(ok(parseReviewReply(reply('[]', raw))).judgment, expected, raw);
    }
  });

  it('takes the last judgment when the review quotes the format first', () => {
    const text = '<review>I will answer <judgment>YES</judgment> only if tests pass; they do not.</review><findings>[]</findings><judgment>NO</judgment>';
    assert.equal(ok(parseReviewReply(text)).judgment, 'NO');
  });

  it('accepts upper-case tags and text around the parts', () => {
    const value = ok(parseReviewReply('Here you go.\n<REVIEW>Fine.</REVIEW>\n<FINDINGS>[]</FINDINGS>\n<JUDGMENT>YES</JUDGMENT>\nThanks.'));
    assert.equal(value.review, 'Fine.');
    assert.equal(value.judgment, 'YES');
  });

  it('says there is no judgment', () => {
    assert.match(problem(parseReviewReply('<review>Looks fine.</review><findings>[]</findings>')), /no <judgment>YES<\/judgment> or <judgment>NO<\/judgment>/);
  });

  it('says the judgment must be YES or NO, quoting what it got', () => {
    assert.match(problem(parseReviewReply(reply('[]', 'Mostly yes'))), /must be YES or NO, not "Mostly yes"/);
    assert.match(problem(parseReviewReply(reply('[]', ''))), /must be YES or NO/);
  });

  it('says there is no review text when it is missing or blank', () => {
    assert.match(problem(parseReviewReply('<findings>[]</findings><judgment>YES</judgment>')), /no <review>/);
    assert.match(problem(parseReviewReply('<review>  \n </review><judgment>YES</judgment>')), /no <review>/);
  });

  it('keeps the review prose of a reply whose </review> is missing, without the later parts', () => {
    const value = ok(parseReviewReply('<review>\nThe loop is off by one.\n<findings>[]</findings>\n<judgment>NO</judgment>'));
    assert.equal(value.review, 'The loop is off by one.');
    assert.equal(value.judgment, 'NO');
  });

  it('treats absent or empty findings as none', () => {
    assert.deepEqual(ok(parseReviewReply('<review>Good.</review><judgment>YES</judgment>')).findings, []);
    assert.deepEqual(ok(parseReviewReply(reply('', 'YES'))).findings, []);
    assert.deepEqual(ok(parseReviewReply(reply('```json\n```', 'YES'))).findings, []);
  });
});

describe('parseReviewReply: the findings list', () => {
  const one = '{"file": "a.ts", "line": 3, "severity": "low", "category": "style", "message": "Name it better."}';

  it('reads a list inside a ```json fence', () => {
    const value = ok(parseReviewReply(reply('```json\n[' + one + ']\n```')));
    assert.deepEqual(value.findings.map((f) => [f.file, f.line, f.message]), [['a.ts', 3, 'Name it better.']]);
  });

  it('reads an object with a "findings" array', () => {
    assert.equal(ok(parseReviewReply(reply(`{"findings": [${one}]}`))).findings.length, 1);
  });

  it('says when the findings are not JSON, and not a list', () => {
    assert.match(problem(parseReviewReply(reply('[{"file": "a.ts",}]'))), /<findings> is not valid JSON/);
    assert.match(problem(parseReviewReply(reply('{"file": "a.ts"}'))), /<findings> must be a JSON array/);
    assert.match(problem(parseReviewReply(reply('"none"'))), /<findings> must be a JSON array/);
  });

  it('says when the findings list is never closed instead of dropping it', () => {
    const text = `<review>Two bugs.</review>\n<findings>\n[${one}]\n<judgment>NO</judgment>`;
    assert.match(problem(parseReviewReply(text)), /<findings>/);
  });

  it('accepts the aliases models use for fields', () => {
    const [finding] = ok(parseReviewReply(reply('[{"path": " lib/x.py ", "startLine": "7", "comment": " Leaks a handle. "}]'))).findings;
    assert.deepEqual(finding, { file: 'lib/x.py', line: 7, severity: 'medium', category: 'bug', message: 'Leaks a handle.' });
  });

  it('maps severity and category aliases, and unknown values to medium / bug', () => {
    const cases: Array<[string, string, string, string]> = [
      ['Blocker', 'Correctness', 'critical', 'bug'],
      ['major', 'vulnerability', 'high', 'security'],
      ['error', 'test', 'high', 'tests'],
      ['WARNING', 'testing', 'medium', 'tests'],
      ['minor', 'perf', 'low', 'performance'],
      ['nit', 'readability', 'low', 'style'],
      ['note', 'docs', 'info', 'style'],
      ['suggestion', 'design', 'info', 'style'],
      ['critical', 'security', 'critical', 'security'],
      ['catastrophic', 'vibes', 'medium', 'bug'],
    ];
    const list = cases.map(([severity, category], i) => ({ file: 'a.ts', line: i + 1, severity, category, message: `m${i}` }));
    const findings = ok(parseReviewReply(reply(JSON.stringify(list)))).findings;
    assert.deepEqual(
      findings.map((f) => [f.severity, f.category]),
      cases.map(([, , s, c]) => [s, c]),
    );
  });

  it('drops line numbers that are not positive integers, and end lines before the start', () => {
    const list = [
      { file: 'a', line: 0, message: 'zero' },
      { file: 'a', line: -4, message: 'negative' },
      { file: 'a', line: 2.5, message: 'fraction' },
      { file: 'a', line: '12-14', message: 'range text' },
      { file: 'a', line: 10, endLine: 9, message: 'end before start' },
      { file: 'a', line: 10, endLine: 14, message: 'good range' },
      { file: 'a', endLine: 14, message: 'end without start' },
    ];
    const findings = ok(parseReviewReply(reply(JSON.stringify(list)))).findings;
    assert.deepEqual(
      findings.map((f) => [f.message, f.line ?? null, f.endLine ?? null]),
      [
        ['zero', null, null],
        ['negative', null, null],
        ['fraction', null, null],
        ['range text', null, null],
        ['end before start', 10, null],
        ['good range', 10, 14],
        ['end without start', null, null],
      ],
    );
  });

  it('keeps a suggestion verbatim, and leaves out an empty one', () => {
    const list = [
      { file: 'a', line: 1, message: 'x', suggestion: '  return 1;\n' },
      { file: 'a', line: 2, message: 'y', suggestion: '' },
      { file: 'a', line: 3, message: 'z', suggestion: 42 },
    ];
    const findings = ok(parseReviewReply(reply(JSON.stringify(list)))).findings;
    assert.equal(findings[0].suggestion, '  return 1;\n');
    assert.ok(!('suggestion' in findings[1]));
    assert.ok(!('suggestion' in findings[2]));
  });

  it('keeps the good entries and rejects the malformed ones with the reason', () => {
    const list = [{ file: 'a.ts', line: 1, message: 'real' }, 5, null, ['x'], { file: 'b.ts', line: 2 }, { line: 3, message: 'no file' }, { file: '  ', message: 'blank file' }];
    const value = ok(parseReviewReply(reply(JSON.stringify(list))));
    assert.deepEqual(value.findings.map((f) => f.message), ['real']);
    assert.deepEqual(
      value.rejected.map((r) => r.reason),
      [
        'malformed finding: not an object',
        'malformed finding: not an object',
        'malformed finding: not an object',
        'malformed finding: missing "message"',
        'malformed finding: missing "file"',
        'malformed finding: missing "file"',
      ],
    );
    assert.equal(value.rejected[3].finding.file, 'b.ts');
    assert.equal(value.rejected[4].finding.message, 'no file');
    assert.equal(value.rejected[0].finding.message, '5');
  });
});
